-- Health checks (健康体检) recorded on the resident's health record: the record's own service, e.g. the yearly check
-- of residents aged 65 and over, and the check of hypertension and diabetes patients.
create table health_check (
  id serial primary key,
  record_id int not null references health_record (id),
  person_id int not null references person (id), -- the record's person, kept for the served-persons query
  checked_on date not null,
  institution_id int references institution (id),
  institution_name text,
  doctor text not null, -- 责任医生 / 体检医生
  systolic int check (systolic between 50 and 300), -- mmHg
  diastolic int check (diastolic between 30 and 200),
  height_cm real check (height_cm between 30 and 250),
  weight_kg real check (weight_kg between 1 and 300),
  conclusion text not null default '', -- 健康评价 / 指导
  created_by int references app_user (id),
  created_by_name text not null,
  created_at timestamptz not null default now()
);
create index health_check_person on health_check (person_id, checked_on);
create index health_check_date on health_check (checked_on);
