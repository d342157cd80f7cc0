-- Vaccination registry (预防接种登记): the children under management, every dose given, vaccine batches and their stock.
-- One record per child is the single source of truth: the card (接种卡), the clinic register (登记册) and the certificate
-- (接种证) are views of it, so they cannot disagree (卡、册、证不一致).

-- A child under management (儿童预防接种管理). Scope is where the child LIVES now (area_id, a village or community),
-- not the household registration: a migrant child (流动儿童, residence 'migrant_in') is managed and counted there.
create table imm_child (
  id serial primary key,
  person_id int not null unique references person (id),
  clinic_id int not null references institution (id), -- the immunization clinic (接种单位) responsible
  area_id int not null references area (id), -- village or community the child lives in now
  address text not null default '', -- where in that village (rented rooms of migrant families)
  residence text not null check (residence in ('local', 'migrant_in')),
  status text not null default 'active' check (status in ('active', 'moved_away', 'dead')),
  status_date date,
  certificate_no text, -- 接种证号, see README (township code + year + sequence); null until issued
  certificate_issued_on date,
  guardian_name text not null,
  guardian_phone text,
  -- Engine conditions (ChildCondition): 'mother_hbsag_positive', 'birth_weight_under_2000g'.
  conditions text[] not null default '{}'
    check (conditions <@ array['mother_hbsag_positive', 'birth_weight_under_2000g']::text[]),
  registered_at timestamptz not null default now(),
  registered_by int references app_user (id),
  registered_by_name text not null,
  updated_at timestamptz not null default now(),
  check ((status = 'active') = (status_date is null)),
  check ((certificate_no is null) = (certificate_issued_on is null))
);
create unique index imm_child_certificate on imm_child (certificate_no) where certificate_no is not null;
create index imm_child_area on imm_child (area_id, status);
create index imm_child_clinic on imm_child (clinic_id);

-- Certificate numbers are allocated per prefix (township code) and year without gaps.
create table imm_certificate_counter (
  prefix text not null,
  year int not null,
  last_no int not null,
  primary key (prefix, year)
);

-- A vaccine batch held by an institution: stock is received, used by doses (FEFO), returned by corrections.
create table imm_batch (
  id serial primary key,
  institution_id int not null references institution (id),
  vaccine text not null, -- schedule vaccine code (HepB, MMR, ...)
  manufacturer text not null,
  batch_no text not null, -- 批号
  expiry date not null, -- usable up to and including this day
  received_qty int not null check (received_qty > 0),
  remaining int not null check (remaining >= 0),
  received_on date not null,
  received_by_name text not null,
  created_at timestamptz not null default now(),
  check (remaining <= received_qty),
  unique (institution_id, vaccine, batch_no)
);
create index imm_batch_fefo on imm_batch (institution_id, vaccine, expiry);

-- One dose given. dose = the product's dose number as the engine counts it (bOPV 1 is polio dose 3).
create table imm_dose (
  id serial primary key,
  child_id int not null references imm_child (id),
  vaccine text not null,
  dose int not null check (dose >= 1),
  given_on date not null,
  batch_id int references imm_batch (id), -- null for imported or elsewhere-given records without a batch here
  batch_no text, -- as written on an old register or another place's certificate, when batch_id is null
  institution_id int references institution (id),
  place_name text, -- where it was given when that is no institution of the county (other_place)
  vaccinator text,
  site text, -- 接种部位
  route text, -- 接种途径
  source text not null check (source in ('clinic', 'import', 'other_place')),
  entered_by int references app_user (id),
  entered_by_name text not null,
  entered_at timestamptz not null default now(),
  unique (child_id, vaccine, dose),
  check (institution_id is not null or place_name is not null)
);
create index imm_dose_vaccine_date on imm_dose (vaccine, given_on);
create index imm_dose_batch on imm_dose (batch_id) where batch_id is not null;

-- Every change of a batch's stock, so remaining = received - used + returned can be reconciled.
create table imm_stock_movement (
  id serial primary key,
  batch_id int not null references imm_batch (id),
  kind text not null check (kind in ('receive', 'dose', 'dose_return')),
  quantity int not null, -- signed: + received or returned, - used
  dose_id int, -- the dose concerned (kept after the dose is deleted, so no foreign key)
  reason text,
  at timestamptz not null default now(),
  by_name text not null
);
create index imm_stock_movement_batch on imm_stock_movement (batch_id, at);

-- Submissions already processed, by the client's requestId: a repeated dose entry returns the first answer.
create table imm_request (
  request_id text primary key,
  payload_hash text not null,
  result jsonb not null,
  created_at timestamptz not null default now()
);
