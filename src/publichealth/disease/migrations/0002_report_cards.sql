-- 传染病报告卡 (infectious disease report cards): the card with the national card's fields, its history (every status
-- change and 订正 with the card as it was), and class A alerts for the CDC. Missed reports (漏报) are not stored: they
-- are computed from visits and cards whenever asked.

create table disease_card (
  id serial primary key,
  institution_id int not null references institution (id), -- 报告单位: the institution that diagnosed
  visit_id bigint references disease_visit (id), -- the visit it was reported from, if any
  person_id int references person (id), -- the resident, when known
  area_id int not null references area (id), -- 现住址 village: where the card is checked (乡镇审核) and counted
  patient_name text not null,
  id_number text,
  sex text not null check (sex in ('M', 'F')),
  birth_date date,
  age_years int check (age_years between 0 and 150), -- 年龄, when the birth date is unknown
  parent_name text, -- 患儿家长姓名 (children under 14)
  phone text,
  occupation text not null,
  work_unit text not null default '', -- 工作单位（学校）
  address text not null default '',
  list_id text not null, -- the notifiable list version the card was reported under
  disease_id text not null,
  form_id text, -- e.g. hepatitis_b of viral_hepatitis
  icd10 text not null,
  disease_class text not null check (disease_class in ('A', 'B', 'C')),
  class_a boolean not null, -- class A or managed as class A: 2-hour limit, alert
  time_limit_hours int not null,
  case_class text not null check (case_class in ('suspected', 'clinical', 'confirmed', 'carrier')),
  course text check (course in ('acute', 'chronic')),
  onset_date date,
  diagnosed_at timestamptz not null,
  death_date date,
  doctor_name text not null,
  reported_at timestamptz not null, -- 报告时间: first entry; kept through revisions
  on_time boolean not null, -- reported_at - diagnosed_at within time_limit_hours
  remarks text not null default '',
  status text not null default 'entered' check (status in ('entered', 'checked', 'confirmed', 'revised', 'deleted')),
  version int not null default 1,
  entered_by int references app_user (id),
  entered_by_name text not null,
  checked_at timestamptz,
  checked_by_name text,
  confirmed_at timestamptz,
  confirmed_by_name text,
  deleted_at timestamptz,
  deleted_by_name text,
  delete_reason text,
  updated_at timestamptz not null default now(),
  check (birth_date is not null or age_years is not null),
  check ((status = 'deleted') = (deleted_at is not null and delete_reason is not null)),
  check (diagnosed_at <= reported_at)
);
-- Detection and rates read cards by diagnosis time; duplicates and matching by person or ID number and disease.
create index disease_card_diagnosed on disease_card (diagnosed_at) where status <> 'deleted';
create index disease_card_person on disease_card (person_id, disease_id) where person_id is not null and status <> 'deleted';
create index disease_card_id_number on disease_card (id_number, disease_id) where id_number is not null and status <> 'deleted';
create index disease_card_name_birth on disease_card (patient_name, birth_date, disease_id) where status <> 'deleted';
create index disease_card_institution on disease_card (institution_id, diagnosed_at);
create index disease_card_area on disease_card (area_id, diagnosed_at);
create index disease_card_status on disease_card (status, reported_at);
create index disease_card_visit on disease_card (visit_id) where visit_id is not null;

-- The history of a card: entry, 审核, 确认, 订正 (with the fields as they were before) and deletion.
create table disease_card_event (
  id serial primary key,
  card_id int not null references disease_card (id),
  version int not null, -- the card's version after the event
  action text not null check (action in ('enter', 'check', 'confirm', 'revise', 'delete')),
  from_status text,
  to_status text not null,
  at timestamptz not null default now(),
  by_id int references app_user (id),
  by_name text not null,
  reason text,
  before jsonb -- revise: the card's fields before the change
);
create index disease_card_event_card on disease_card_event (card_id, id);

-- A class A (or managed-as-A) card: shown to the CDC at once until someone acknowledges it.
create table disease_card_alert (
  id serial primary key,
  card_id int not null unique references disease_card (id),
  raised_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by int references app_user (id),
  acknowledged_by_name text,
  check ((acknowledged_at is null) = (acknowledged_by_name is null))
);
create index disease_card_alert_open on disease_card_alert (raised_at) where acknowledged_at is null;
