-- 疾病谱 at a real county's volume (about a million visits a year): visits counted per Shanghai day, institution,
-- residence village and 3-character category of the principal diagnosis (seq 1), kept at intake in the same
-- transaction as the visits, and moved by a manual link. The ranking reads these counts instead of the visits.
create table disease_visit_rollup (
  day date not null, -- Shanghai day of visited_at
  institution_id int not null references institution (id),
  residence_area_id int references area (id), -- null = visits not matched to a resident
  category text not null,
  visits int not null check (visits >= 0),
  unique nulls not distinct (day, institution_id, residence_area_id, category)
);
-- The county and institution rankings read by day (and institution); areas by village and day.
create index disease_visit_rollup_area on disease_visit_rollup (residence_area_id, day);

-- Backfill from the visits already received.
insert into disease_visit_rollup (day, institution_id, residence_area_id, category, visits)
select (v.visited_at at time zone 'Asia/Shanghai')::date, v.institution_id, v.residence_area_id, d.category, count(*)
from disease_visit v
join disease_visit_diagnosis d on d.visit_id = v.id and d.seq = 1
group by 1, 2, 3, 4;
