-- Inspections (督查): a visit, the problems found, the unit responsible and a deadline, followed up to closure (回头看).
create table supervision_inspection (
  id serial primary key,
  inspected_on date not null,
  area_id int not null references area (id), -- the township or village inspected
  topic text not null check (length(topic) between 1 and 200),
  inspectors text not null,
  summary text not null default '',
  created_by_name text not null,
  created_at timestamptz not null default now()
);
create index supervision_inspection_area on supervision_inspection (area_id, inspected_on);

-- One problem found: open → rectified (the unit reports what it did) → closed by the bureau's follow-up check, or
-- back to open with the reviewer's note. Overdue is worked out from the deadline, not stored.
create table supervision_problem (
  id serial primary key,
  inspection_id int not null references supervision_inspection (id),
  description text not null check (length(description) between 1 and 1000),
  responsible_area_id int not null references area (id), -- the township (its health centre) or village answering for it
  deadline date not null,
  status text not null default 'open' check (status in ('open', 'rectified', 'closed')),
  rectification text,
  rectified_by_name text,
  rectified_at timestamptz,
  review_note text,
  closed_by_name text,
  closed_at timestamptz
);
create index supervision_problem_inspection on supervision_problem (inspection_id);
create index supervision_problem_area on supervision_problem (responsible_area_id, status);
