-- Targets for one institution (e.g. 县人民医院 reporting timeliness 100 %) and the institution values they are checked
-- against, for the indicators whose modules answer per institution. Kept apart from the area-keyed values.

create table supervision_institution_value (
  indicator text not null,
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  institution_id int not null references institution (id),
  institution_name text not null, -- as it was when computed, like the areas' names
  township_id int references area (id), -- the township it answers to; null for county-level and outside institutions
  township_name text,
  numerator double precision not null,
  denominator double precision,
  value double precision, -- null when the denominator is 0 (无数据)
  computed_at timestamptz not null default now(),
  primary key (indicator, month, institution_id)
);

-- A target is for every township (both null), one township (area_id) or one institution (institution_id).
alter table supervision_target add column institution_id int references institution (id);
alter table supervision_target add constraint supervision_target_one_unit check (area_id is null or institution_id is null);
drop index supervision_target_one;
create unique index supervision_target_one on supervision_target (year, indicator, coalesce(area_id, 0), coalesce(institution_id, 0));
