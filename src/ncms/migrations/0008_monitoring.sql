-- NCMS 监测与预警: cost control targets per institution and year, the monitoring rules' thresholds as data, and the
-- alerts (预警线索) the monthly run finds, each linked to the claims behind it and closed with a finding.

-- 次均住院费用控制标准: the average inpatient cost an institution should stay under, per year (set by the NCMS office).
create table ncms_cost_target (
  institution_id int not null references institution (id),
  year int not null check (year between 1900 and 2100),
  avg_inpatient_fen bigint not null check (avg_inpatient_fen > 0),
  set_by int references app_user (id),
  set_by_name text not null,
  updated_at timestamptz not null default now(),
  primary key (institution_id, year)
);

-- Each monitoring rule's parameters (thresholds), validated by the rule's schema in monitoring/rule-config.ts.
-- Seeded with the documented defaults; the NCMS office changes them (audited).
create table ncms_monitoring_rule (
  code text primary key,
  params jsonb not null,
  updated_by_name text not null default '系统默认',
  updated_at timestamptz not null default now()
);
insert into ncms_monitoring_rule (code, params) values
  ('over_target', '{"months": 3}'),
  ('village_surge', '{"historyMonths": 6, "sdFactor": 3, "minRatio": 2}'),
  ('frequent_visits', '{"visits": 5, "days": 7}'),
  ('split_admission', '{"days": 3}'),
  ('ineligible_person', '{}'),
  ('duplicate_receipt', '{}'),
  ('fund_limits', '{"yearBalanceMax": 0.15, "accumulatedBalanceMax": 0.25, "usageAheadWarning": 0.10}');

-- 预警线索. `key` identifies what was found (e.g. the clinic and month), so running a month again adds nothing twice.
create table ncms_alert (
  id serial primary key,
  rule text not null references ncms_monitoring_rule (code),
  key text not null,
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'), -- the month whose run found it
  institution_id int references institution (id), -- the institution concerned, when one is
  person_id int references person (id), -- the person concerned, when one is
  summary text not null, -- what was found, in words with the figures and the threshold
  figures jsonb not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  outcome text check (outcome in ('confirmed', 'explained', 'false_alarm')),
  finding text, -- 核查结论, required to close
  closed_by int references app_user (id),
  closed_by_name text,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  unique (rule, key),
  check (status = 'open' or (finding is not null and outcome is not null))
);
create index ncms_alert_month on ncms_alert (month, rule);

-- The claims behind an alert.
create table ncms_alert_claim (
  alert_id int not null references ncms_alert (id),
  claim_id int not null references ncms_claim (id),
  primary key (alert_id, claim_id)
);
create index ncms_alert_claim_claim on ncms_alert_claim (claim_id);
