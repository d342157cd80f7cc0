-- NCMS claim review (审核): the rules that select settled claims for a human look (versioned per pool and year),
-- each selection run, the selected claims with their reasons and reviewer (one row per claim: never selected twice),
-- and every decision taken on them (append-only; a correction is a new row pointing at the one it corrects).

-- The fund ledger gets one more kind of posting: a review deduction (审核扣减/拒付) lowers what the fund owes an
-- institution (debit payable_institution, credit compensation_expense); a correction that restores money posts the
-- mirror under the same kind.
alter table ncms_fund_transaction drop constraint ncms_fund_transaction_kind_check;
alter table ncms_fund_transaction add constraint ncms_fund_transaction_kind_check
  check (kind in ('contribution', 'subsidy', 'deposit', 'settlement', 'reversal', 'payment', 'adjustment', 'review'));

-- Review rules of a pool and year: a new version at every save; the highest version is the one in force.
create table ncms_review_rules (
  id serial primary key,
  pool text not null,
  year int not null,
  version int not null,
  document json not null, -- money in yuan as typed, key order kept (like the scheme documents)
  note text,
  saved_by int references app_user (id),
  saved_by_name text not null,
  saved_at timestamptz not null default now(),
  unique (pool, year, version)
);

-- One selection run for a month (of the discharge date) of a pool.
create table ncms_review_run (
  id serial primary key,
  pool text not null,
  year int not null,
  month int not null check (month between 1 and 12),
  rules_id int not null references ncms_review_rules (id),
  considered int not null, -- settled claims with pay of the month looked at
  selected int not null, -- newly selected by this run
  already int not null, -- met a rule but had been selected by an earlier run
  by_rule jsonb not null, -- {amount: n, sample: n, stay: n, diagnosis_cost: n} among the newly selected
  run_by int references app_user (id),
  run_by_name text not null,
  run_at timestamptz not null default now()
);
create index ncms_review_run_month on ncms_review_run (pool, year, month);

-- A selected claim (审核单). claim_id is unique: a claim is selected once, whatever later runs find.
create table ncms_review_item (
  id serial primary key,
  claim_id int not null unique references ncms_claim (id),
  run_id int not null references ncms_review_run (id),
  pool text not null,
  year int not null,
  month int not null,
  institution_id int not null references institution (id),
  area_id int not null references area (id), -- the claim's village: audit entries by area
  reasons jsonb not null, -- [{rule, message}] in rule order
  status text not null default 'open' check (status in ('open', 'approved', 'adjusted', 'rejected')),
  assigned_to int references app_user (id),
  assigned_to_name text,
  assigned_at timestamptz,
  settled_pay_fen bigint not null check (settled_pay_fen > 0), -- the fund's pay as settled at discharge
  pay_fen bigint check (pay_fen >= 0 and pay_fen <= settled_pay_fen), -- after review (null while open)
  deducted_fen bigint not null default 0 check (deducted_fen >= 0), -- settled − pay, posted to the ledger
  decision_id int, -- the decision in force
  created_at timestamptz not null default now()
);
create index ncms_review_item_queue on ncms_review_item (assigned_to, status);
create index ncms_review_item_month on ncms_review_item (pool, year, month, institution_id);

-- Every decision on an item. A correction (更正) names the decision it replaces; the ledger gets the difference.
create table ncms_review_decision (
  id serial primary key,
  item_id int not null references ncms_review_item (id),
  decision text not null check (decision in ('approved', 'adjusted', 'rejected')),
  pay_fen bigint not null check (pay_fen >= 0),
  deducted_fen bigint not null check (deducted_fen >= 0),
  posted_fen bigint not null, -- what this decision moved in the ledger: + deducted, − given back
  booked_on date not null, -- the ledger date
  reason text,
  corrects int references ncms_review_decision (id),
  decided_by int references app_user (id),
  decided_by_name text not null,
  decided_at timestamptz not null default now()
);
create index ncms_review_decision_item on ncms_review_decision (item_id);
