-- NCMS supervision: village public notices (村级公示) and audit rectification (审计整改).

-- A published monthly notice of one village: the content as published (frozen, json), never changed or deleted.
-- A correction is a new version of the same village and month; the highest version is the one in force.
create table ncms_notice (
  id serial primary key,
  area_id int not null references area (id), -- the village (its residents' reimbursements)
  month text not null check (month ~ '^\d{4}-(0[1-9]|1[0-2])$'), -- YYYY-MM of the discharge (visit) dates
  version int not null check (version >= 1),
  content json not null, -- NoticeContent as published: what the PDF and Excel are rendered from
  content_hash text not null, -- sha256 of the content text
  claim_count int not null,
  total_fen bigint not null,
  pay_fen bigint not null,
  correction_reason text, -- required from version 2 on
  published_by int references app_user (id),
  published_by_name text not null,
  published_at timestamptz not null default now(),
  unique (area_id, month, version),
  check (version = 1 or correction_reason is not null)
);
create index ncms_notice_month on ncms_notice (month, area_id);

create function ncms_notice_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'a published notice is frozen: publish a correction as a new version';
end $$;
create trigger ncms_notice_no_change before update or delete on ncms_notice
  for each row execute function ncms_notice_frozen();

-- Generating (and publishing) every village's notice of a month in one go, with its progress.
create table ncms_notice_job (
  id serial primary key,
  area_id int not null references area (id), -- the area whose villages it covers (the starter's scope)
  month text not null,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  total int not null default 0,
  done int not null default 0,
  published int not null default 0, -- new notices published
  already int not null default 0, -- villages that already had one (left as they were)
  empty int not null default 0, -- published as 本月无补偿
  error text,
  started_by int references app_user (id),
  started_by_name text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
-- One running job per area and month: a second click finds the first.
create unique index ncms_notice_job_running on ncms_notice_job (area_id, month) where status = 'running';

-- An audit (审计) whose findings are tracked to rectification, e.g. a provincial audit of the NCMS fund.
create table ncms_audit (
  id serial primary key,
  title text not null,
  auditor text not null, -- who audited (省审计厅 …)
  report_no text, -- 审计报告文号
  audited_on date not null,
  created_by int references app_user (id),
  created_by_name text not null,
  created_at timestamptz not null default now()
);

-- One finding (审计发现问题) and where its rectification stands.
create table ncms_audit_finding (
  id serial primary key,
  audit_id int not null references ncms_audit (id),
  number int not null check (number > 0), -- 序号 in the audit report
  text text not null,
  category text not null,
  severity text not null check (severity in ('general', 'serious', 'critical')),
  status text not null default 'pending' check (status in ('pending', 'in_progress', 'submitted', 'returned', 'closed')),
  unit_kind text check (unit_kind in ('township', 'institution')),
  township_id int references area (id),
  institution_id int references institution (id),
  unit_name text,
  unit_area_id int references area (id), -- the township, or the institution's area: whose scope sees it
  deadline date,
  closed_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (audit_id, number),
  check ((unit_kind is null) = (deadline is null) and (unit_kind is null) = (unit_area_id is null)),
  check (unit_kind is distinct from 'township' or township_id is not null),
  check (unit_kind is distinct from 'institution' or institution_id is not null),
  check (status = 'pending' or unit_kind is not null)
);
create index ncms_audit_finding_unit on ncms_audit_finding (unit_area_id);

-- The timeline of a finding: assignment, progress, submission, acceptance, return.
create table ncms_finding_event (
  id serial primary key,
  finding_id int not null references ncms_audit_finding (id),
  kind text not null check (kind in ('created', 'assigned', 'progress', 'submitted', 'closed', 'returned')),
  note text not null default '',
  actor_id int references app_user (id),
  actor_name text not null,
  at timestamptz not null default now()
);
create index ncms_finding_event_finding on ncms_finding_event (finding_id, id);

-- Evidence files (整改佐证材料) of a progress or submission event, kept in the database (size-limited).
create table ncms_finding_evidence (
  id serial primary key,
  event_id int not null references ncms_finding_event (id),
  finding_id int not null references ncms_audit_finding (id),
  file_name text not null,
  content_type text not null,
  size_bytes int not null check (size_bytes > 0 and size_bytes <= 5242880),
  sha256 text not null,
  data bytea not null
);
create index ncms_finding_evidence_finding on ncms_finding_evidence (finding_id);
