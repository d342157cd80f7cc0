-- Resident health records (居民健康档案): one per person, numbered per village, with the personal basic
-- information sheet (个人基本信息表) as versioned JSON sections.

create table health_record (
  id serial primary key,
  person_id int not null unique references person (id),
  -- 档案编号: the 12-digit statistical code of the village at creation + a 5-digit sequence in that village.
  record_no text not null unique check (record_no ~ '^[0-9]{17}$'),
  -- electronic: kept here in full; paper: the record lives in a paper file at the clinic, registered here by number.
  medium text not null default 'electronic' check (medium in ('electronic', 'paper')),
  created_on date not null, -- 建档日期 (a record transcribed from paper keeps its original date)
  institution_id int references institution (id), -- 建档单位
  institution_name text,
  responsible_doctor text, -- 责任医生
  basic_info jsonb not null default '{}',
  -- Required items still empty when last written (see completeness.ts), so rates are counted without reading the JSON.
  missing_items text[] not null default '{}',
  version int not null default 1,
  created_by int references app_user (id),
  created_by_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The last sequence number given in each village (by its 12-digit code), so numbers are never reused.
create table health_record_counter (
  village_code text primary key,
  last_seq int not null
);

-- Every edit of a record, with the sections as they were before and after: the record's own history.
create table health_record_version (
  id serial primary key,
  record_id int not null references health_record (id),
  version int not null,
  sections text[] not null,
  before jsonb,
  after jsonb not null,
  changed_by int references app_user (id),
  changed_by_name text not null,
  changed_at timestamptz not null default now(),
  unique (record_id, version)
);
