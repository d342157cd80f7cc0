-- Platform foundation: areas, households and people, institutions and staff, users, sessions, audit log.

-- Areas: county → township/street → village/community.
-- `area` is the identity that records and statistics hang on; `area_version` keeps what it was
-- called, coded and attached to over time, `area_change` the renames, merges and splits between them.
create table area (
  id serial primary key,
  level text not null check (level in ('county', 'township', 'village')),
  kind text not null check (kind in ('county', 'street', 'town', 'township', 'community', 'village')),
  code char(12) not null,
  name text not null,
  urban boolean not null,
  parent_id int references area (id),
  path text not null, -- '/1/4/27/': ids of the ancestors and itself, for scope filters
  valid_from date not null,
  valid_to date, -- set when the area stops existing (merged away, split up)
  check ((level = 'county') = (parent_id is null))
);
create unique index area_current_code on area (code) where valid_to is null;
create index area_path on area (path text_pattern_ops);
create index area_parent on area (parent_id);

create table area_version (
  id serial primary key,
  area_id int not null references area (id),
  code char(12) not null,
  name text not null,
  parent_id int references area (id),
  urban boolean not null,
  valid_from date not null,
  valid_to date
);
create index area_version_area on area_version (area_id, valid_from);

create table area_change (
  id serial primary key,
  kind text not null check (kind in ('create', 'rename', 'recode', 'merge', 'split')),
  effective date not null,
  from_area_ids int[] not null default '{}',
  to_area_ids int[] not null default '{}',
  note text,
  created_at timestamptz not null default now()
);

-- Households (户) registered in a village or community, and the people in them.
create table household (
  id serial primary key,
  area_id int not null references area (id),
  household_no char(4) not null, -- 户编号 within the village
  address text not null default '',
  phone text,
  head_person_id int,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (area_id, household_no)
);
create index household_area on household (area_id);

create table person (
  id serial primary key,
  household_id int references household (id), -- one household at most, by construction
  relation text, -- relation to the head of household (与户主关系)
  name text not null,
  id_number char(18), -- GB 11643; null until a newborn gets one
  sex char(1) not null check (sex in ('M', 'F')),
  birth_date date not null,
  ethnicity text,
  phone text,
  status text not null default 'alive' check (status in ('alive', 'deceased', 'moved_out')),
  status_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'alive') = (status_date is null))
);
create unique index person_id_number on person (id_number) where id_number is not null;
create index person_name on person (name text_pattern_ops);
create index person_household on person (household_id);
alter table household add constraint household_head_fk
  foreign key (head_person_id) references person (id) deferrable initially deferred;

-- Institutions and their staff.
create table institution (
  id serial primary key,
  code text not null unique,
  name text not null,
  kind text not null,
  level text not null check (level in ('village', 'township', 'county', 'outside')),
  area_id int not null references area (id), -- the area it serves
  parent_id int references institution (id), -- e.g. a village clinic under its township health centre
  designations text[] not null default '{}', -- ncms_designated, immunization_clinic, ...
  address text not null default '',
  phone text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index institution_area on institution (area_id);

create table staff (
  id serial primary key,
  institution_id int not null references institution (id),
  name text not null,
  sex char(1) check (sex in ('M', 'F')),
  id_number char(18),
  role text not null,
  qualification text,
  phone text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index staff_institution on staff (institution_id);

-- Users: a role and the area they may see (their scope).
create table app_user (
  id serial primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null,
  area_id int not null references area (id),
  institution_id int references institution (id),
  active boolean not null default true,
  failed_logins int not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table user_session (
  token_hash text primary key,
  user_id int not null references app_user (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user on user_session (user_id);

-- Audit log: append-only and hash-chained. Each row's hash covers its content and the previous hash;
-- audit_head holds the latest seq and hash, so a deleted last row is noticed too.
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_id int,
  actor_name text not null,
  action text not null,
  entity text not null,
  entity_id text,
  area_id int,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_entity on audit_log (entity, entity_id);
create index audit_log_at on audit_log (at);

create table audit_head (
  id int primary key check (id = 1),
  seq bigint not null,
  hash text not null
);
insert into audit_head (id, seq, hash) values (1, 0, '');

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
