-- NCMS fund (新农合基金, closed operation): a double-entry ledger per pool (统筹区) and year.
-- A transaction (凭证) has lines (分录) whose debits equal their credits; both are append-only, like the audit log.
-- ncms_fund_balance keeps each account's running debit and credit totals, updated with every posting under the row
-- lock of the upsert, so a balance is one row to read; `jiceng ncms fund check` recomputes them from the lines.

create table ncms_fund_transaction (
  id serial primary key,
  pool text not null,
  year int not null,
  date date not null, -- the business date, inside the year
  kind text not null check (kind in ('contribution', 'subsidy', 'deposit', 'settlement', 'reversal', 'payment', 'adjustment')),
  reference_type text not null, -- what caused it: 'claim', 'enrollment', 'deposit', 'payment', ...
  reference_id text not null,
  memo text not null,
  created_by int references app_user (id),
  created_by_name text not null,
  created_at timestamptz not null default now(),
  check (extract(year from date) = year)
);
create index ncms_fund_transaction_pool_year_date on ncms_fund_transaction (pool, year, date);
create index ncms_fund_transaction_reference on ncms_fund_transaction (reference_type, reference_id);

create table ncms_fund_line (
  id serial primary key,
  transaction_id int not null references ncms_fund_transaction (id),
  account text not null check (account in ('bank', 'receivable_individual', 'receivable_government', 'income_individual',
    'income_government', 'compensation_expense', 'payable_institution')),
  debit_fen bigint not null check (debit_fen >= 0),
  credit_fen bigint not null check (credit_fen >= 0),
  institution_id int references institution (id),
  source text, -- income_government / receivable_government: the paying level or fund; compensation_expense: the claim kind
  check (debit_fen = 0 or credit_fen = 0)
);
create index ncms_fund_line_transaction on ncms_fund_line (transaction_id);
create index ncms_fund_line_institution on ncms_fund_line (institution_id, account) where institution_id is not null;

create function ncms_fund_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: correct a posting with a reversal or an adjustment', tg_table_name;
end $$;
create trigger ncms_fund_transaction_no_change before update or delete on ncms_fund_transaction
  for each row execute function ncms_fund_append_only();
create trigger ncms_fund_transaction_no_truncate before truncate on ncms_fund_transaction
  for each statement execute function ncms_fund_append_only();
create trigger ncms_fund_line_no_change before update or delete on ncms_fund_line
  for each row execute function ncms_fund_append_only();
create trigger ncms_fund_line_no_truncate before truncate on ncms_fund_line
  for each statement execute function ncms_fund_append_only();

-- One row per pool, year, account, institution and source (nulls not distinct: one row for "no institution").
create table ncms_fund_balance (
  id serial primary key,
  pool text not null,
  year int not null,
  account text not null,
  institution_id int references institution (id),
  source text,
  debit_fen bigint not null default 0,
  credit_fen bigint not null default 0,
  updated_at timestamptz not null default now(),
  unique nulls not distinct (pool, year, account, institution_id, source)
);

-- How the per-person government subsidy (政府补助) of a pool and year is shared between levels (中央/省/县…).
-- A year without rows books it all as 'county' (县级财政). Amounts are per enrolled person, in fen.
create table ncms_fund_subsidy_split (
  pool text not null,
  year int not null,
  source text not null check (source in ('central', 'province', 'county', 'civil_affairs', 'family_planning', 'other')),
  amount_fen bigint not null check (amount_fen >= 0),
  set_by_name text not null,
  updated_at timestamptz not null default now(),
  primary key (pool, year, source)
);

-- Which fund pays the contribution of a subsidised category (参合类别): data, so a county adding a category adds a row.
-- A government/other category without a row is booked as 'county' / 'other'.
create table ncms_fund_category_source (
  category text primary key references ncms_contribution_category (code),
  source text not null check (source in ('central', 'province', 'county', 'civil_affairs', 'family_planning', 'other'))
);
insert into ncms_fund_category_source (category, source) values
  ('wubao', 'civil_affairs'),
  ('dibao', 'civil_affairs'),
  ('tekun', 'civil_affairs'),
  ('family_planning', 'family_planning'),
  ('other_fund', 'other');
