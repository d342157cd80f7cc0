-- Supervision and assessment (督导考核): indicators' monthly values, yearly targets, scoring schemes, monthly bulletins.

-- One indicator's value for one area and month, as computed then. The area's code, name and level are kept as they
-- were, so a trend survives a township being renamed, merged or split. A recompute replaces the month's rows.
create table supervision_indicator_value (
  indicator text not null, -- code of the indicator library (src/indicator-providers.ts)
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  area_id int not null references area (id),
  area_code text not null,
  area_name text not null,
  area_level text not null check (area_level in ('county', 'township', 'village')),
  parent_area_id int, -- the township of a village; null for townships and the county
  numerator double precision not null,
  denominator double precision, -- null for counts
  value double precision, -- in the indicator's unit (93.21 for 93.21 %); null when the denominator is 0 (无数据)
  computed_at timestamptz not null default now(),
  primary key (indicator, month, area_id)
);
create index supervision_indicator_value_month on supervision_indicator_value (month, area_level);

-- A yearly target of an indicator: for one township (area_id) or, with area_id null, for every township.
create table supervision_target (
  id serial primary key,
  year int not null check (year between 2000 and 2100),
  indicator text not null,
  area_id int references area (id),
  target double precision not null, -- in the indicator's unit (85 for 85 %)
  set_by_name text not null,
  updated_at timestamptz not null default now()
);
create unique index supervision_target_one on supervision_target (year, indicator, coalesce(area_id, 0));

-- The county's assessment rules of a year (评分方案) as data: points and the rule below target per indicator.
create table supervision_scheme (
  year int primary key check (year between 2000 and 2100),
  items json not null, -- ScoringItem[] (src/supervision/scoring/scoring.ts)
  set_by_name text not null,
  updated_at timestamptz not null default now()
);

-- A published monthly bulletin (月通报): the content as published, frozen. A correction is a new version.
create table supervision_bulletin (
  id serial primary key,
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  version int not null check (version >= 1),
  content json not null, -- BulletinContent: what the page, the PDF and the Excel show
  correction_reason text,
  published_by int references app_user (id),
  published_by_name text not null,
  published_at timestamptz not null default now(),
  unique (month, version),
  check (version = 1 or correction_reason is not null)
);

create function supervision_bulletin_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'a published bulletin is frozen: publish a correction as a new version';
end $$;
create trigger supervision_bulletin_no_change before update or delete on supervision_bulletin
  for each row execute function supervision_bulletin_frozen();
