-- NCMS (新农合): yearly compensation schemes, contribution categories, enrollment (参合) and its targets.

-- Scheme documents per pool (统筹区, an area code) and year, versioned. At most one is active per pool and year.
create table ncms_scheme (
  id serial primary key,
  pool text not null,
  year int not null,
  version int not null,
  status text not null default 'draft' check (status in ('draft', 'active', 'retired')),
  document json not null, -- as the clerk submitted it, key order kept (json, not jsonb), format jiceng.ncms.scheme/v1
  note text,
  created_by int references app_user (id),
  created_by_name text not null,
  created_at timestamptz not null default now(),
  activated_by int references app_user (id),
  activated_by_name text,
  activated_at timestamptz,
  retired_at timestamptz,
  unique (pool, year, version)
);
create unique index ncms_scheme_one_active on ncms_scheme (pool, year) where status = 'active';

-- Contribution categories (参合类别) and who pays the contribution. Data, not code: a county may add funds.
create table ncms_contribution_category (
  code text primary key,
  name text not null unique,
  payer text not null check (payer in ('individual', 'government', 'other')),
  payer_name text not null,
  sort int not null
);
insert into ncms_contribution_category (code, name, payer, payer_name, sort) values
  ('self_paid', '自缴', 'individual', '个人缴纳', 1),
  ('wubao', '五保', 'government', '民政部门代缴', 2),
  ('dibao', '低保', 'government', '民政部门代缴', 3),
  ('tekun', '特困', 'government', '民政部门代缴', 4),
  ('family_planning', '计生户', 'government', '计生部门代缴', 5),
  ('other_fund', '其他资金', 'other', '其他资金代缴', 6);

-- Enrollment rate target per year (参合率目标); a year without a row uses the default in code (85%).
create table ncms_enrollment_target (
  year int primary key,
  target_ppm int not null check (target_ppm between 0 and 1000000),
  set_by_name text not null,
  updated_at timestamptz not null default now()
);

-- One enrollment per person and year: a second one, in any category, is the "two cards" fault the documents name.
create table ncms_enrollment (
  id serial primary key,
  person_id int not null references person (id),
  household_id int not null references household (id),
  area_id int not null references area (id), -- the household's village when enrolled (scope of the row)
  year int not null,
  category text not null references ncms_contribution_category (code),
  amount_fen bigint not null check (amount_fen >= 0), -- the individual contribution of the year's scheme
  payer text not null check (payer in ('individual', 'government', 'other')),
  scheme_id int not null references ncms_scheme (id),
  receipt_no text,
  collected_on date not null,
  collected_by int references app_user (id),
  collected_by_name text not null,
  request_id text,
  created_at timestamptz not null default now(),
  unique (person_id, year)
);
create index ncms_enrollment_area_year on ncms_enrollment (area_id, year);
create index ncms_enrollment_household on ncms_enrollment (household_id, year);

-- Submissions already processed, by the client's requestId: a repeated submission returns the first answer.
create table ncms_enrollment_request (
  request_id text primary key,
  payload_hash text not null,
  result jsonb not null,
  created_at timestamptz not null default now()
);
