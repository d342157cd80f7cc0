-- Death registration (死亡登记) and cluster alerts (聚集性疫情).

-- One registered death per person, with the cause chain of the death certificate (居民死亡医学证明书):
-- a is the immediate cause, b what led to a, c to b, d to c; the underlying cause (根本死因) is the one ranked.
-- area_id is the person's village at registration: deaths are scoped and counted by it, even if the household moves.
create table disease_death (
  id serial primary key,
  person_id int not null unique references person (id),
  area_id int not null references area (id),
  death_date date not null,
  place text not null check (place in ('hospital', 'transit', 'home', 'care_home', 'other', 'unknown')),
  underlying_icd10 text not null,
  cause_a text,
  cause_b text,
  cause_c text,
  cause_d text,
  institution_id int references institution (id), -- the reporting institution (报告单位); null for the demo's backfill
  registered_by int references app_user (id),
  registered_by_name text not null,
  registered_at timestamptz not null default now()
);
create index disease_death_area_date on disease_death (area_id, death_date);
create index disease_death_date on disease_death (death_date);

-- A cluster alert for the CDC: cases of one threshold rule in one village within the rule's window crossed the
-- threshold. A later check extends the open alert of the same rule and village instead of opening another.
create table disease_cluster (
  id serial primary key,
  rule_key text not null, -- ClusterRule.key, e.g. 'mumps'
  rules_from date not null, -- effective date of the threshold table the alert was opened under
  disease_name text not null,
  area_id int not null references area (id),
  first_date date not null,
  last_date date not null,
  case_count int not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  opened_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_by_name text,
  finding text,
  check ((status = 'closed') = (closed_at is not null and finding is not null))
);
create index disease_cluster_area on disease_cluster (area_id, rule_key, last_date);
create index disease_cluster_status on disease_cluster (status, opened_at);

-- The cases behind a cluster: a visit or a report card, each person counted once per cluster.
create table disease_cluster_case (
  cluster_id int not null references disease_cluster (id),
  source text not null check (source in ('visit', 'card')),
  source_id int not null,
  person_key text not null, -- person id, else ID number, else name + birth date (unmatched visits)
  case_date date not null,
  icd10 text not null,
  primary key (cluster_id, source, source_id),
  unique (cluster_id, person_key)
);
