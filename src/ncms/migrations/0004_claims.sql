-- NCMS claims (报销单据) settled at discharge (即时结报) at designated institutions, their cost lines, each person's
-- year-to-date payments per cap, reversals (冲销) and the idempotency record of submissions.

-- One admission (住院) or visit (门诊) at a designated institution. Figures are fen. The person's name, masked ID and
-- the institution's name are copied when registered: the receipt and public notice show who it was at the time.
create table ncms_claim (
  id serial primary key,
  claim_no text generated always as ('BX' || lpad(id::text, 8, '0')) stored unique, -- 报销单号, human readable
  institution_id int not null references institution (id),
  institution_name text not null,
  level text not null check (level in ('village', 'township', 'county', 'outside')), -- the institution's, when registered
  person_id int not null references person (id),
  person_name text not null,
  id_number_masked text, -- 430702********1234
  area_id int not null references area (id), -- the person's village at admission: public notice (公示) by village
  area_code text not null, -- its code then: which pool's scheme applies
  kind text not null check (kind in ('outpatient', 'inpatient', 'chronic', 'delivery')),
  admitted_on date not null,
  discharged_on date, -- null while an admission is open; a visit's is its day
  diagnosis text not null default '', -- ICD-10, upper case
  referred boolean not null default false, -- 转诊 (matters out of county)
  status text not null default 'open' check (status in ('open', 'settled', 'rejected', 'reversed')),
  total_fen bigint not null default 0 check (total_fen >= 0), -- sum of the lines, kept with them
  out_of_catalog_fen bigint not null default 0 check (out_of_catalog_fen >= 0 and out_of_catalog_fen <= total_fen),
  line_count int not null default 0,
  -- Filled at settlement:
  year int, -- scheme year = the discharge date's year
  scheme_id int references ncms_scheme (id),
  eligible_fen bigint,
  deductible_fen bigint, -- 起付线 applied
  ratio_ppm int, -- 报销比例 applied, parts per million
  pay_fen bigint check (pay_fen >= 0),
  self_pay_fen bigint,
  capped text, -- the cap that lowered pay last (perVisit, annual, ...)
  bucket text check (bucket in ('outpatient', 'chronic', 'inpatient', 'major')), -- the year-to-date sum the pay went to
  reason text, -- rejection code (not_enrolled, level_not_covered, ...)
  caps jsonb, -- year-to-date before/after per cap, as answered
  registered_by int references app_user (id),
  registered_by_name text not null,
  registered_at timestamptz not null default now(),
  settled_by int references app_user (id),
  settled_by_name text,
  settled_at timestamptz,
  check (discharged_on is null or discharged_on >= admitted_on),
  check (status = 'open' or (year is not null and pay_fen is not null))
);
create index ncms_claim_institution on ncms_claim (institution_id, id desc);
create index ncms_claim_person on ncms_claim (person_id, year);
create index ncms_claim_discharged on ncms_claim (discharged_on);
create index ncms_claim_area on ncms_claim (area_id, discharged_on);

-- Cost lines (费用明细): amount = quantity × unit price, rounded half up to the fen.
create table ncms_claim_line (
  id serial primary key,
  claim_id int not null references ncms_claim (id),
  name text not null,
  category text not null check (category in ('drug', 'exam', 'treatment', 'bed', 'material', 'other')),
  in_catalog boolean not null, -- 目录内 / 目录外 (self-paid)
  quantity numeric(12, 2) not null check (quantity > 0),
  unit_price_fen bigint not null check (unit_price_fen >= 0),
  amount_fen bigint not null check (amount_fen >= 0),
  created_at timestamptz not null default now()
);
create index ncms_claim_line_claim on ncms_claim_line (claim_id);

-- What a person has been paid in a scheme year per cap bucket. Settlement locks this row (insert … on conflict do
-- update … returning) before reading it, so two settlements for one person run one after the other: caps hold.
create table ncms_year_to_date (
  person_id int not null references person (id),
  year int not null,
  outpatient_fen bigint not null default 0 check (outpatient_fen >= 0), -- 门诊统筹
  chronic_fen bigint not null default 0 check (chronic_fen >= 0), -- 特殊慢病
  inpatient_fen bigint not null default 0 check (inpatient_fen >= 0), -- 普通住院
  major_fen bigint not null default 0 check (major_fen >= 0), -- 重大疾病
  updated_at timestamptz not null default now(),
  primary key (person_id, year)
);

-- A reversal (冲销) of a settled claim: who, when, why and what was taken back. The claim keeps its settled figures.
create table ncms_claim_reversal (
  id serial primary key,
  claim_id int not null unique references ncms_claim (id),
  reason text not null,
  pay_fen bigint not null,
  bucket text,
  year int not null,
  reversed_by int references app_user (id),
  reversed_by_name text not null,
  reversed_at timestamptz not null default now()
);

-- Submissions already processed, by the client's requestId: a repeated one returns the first answer.
create table ncms_claim_request (
  request_id text primary key,
  payload_hash text not null,
  result jsonb not null,
  created_at timestamptz not null default now()
);
