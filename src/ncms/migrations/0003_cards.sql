-- NCMS cards (《合作医疗证》): one card per household, numbered by the data standard, each hand-over registered.
-- Faults the documents name and what prevents them here: "one household with two cards" (a partial unique index keeps
-- at most one valid card per household), "money collected but no card" and "enrolled count ≠ card count" (the
-- reconciliation compares enrollment, valid cards and hand-overs village by village).

-- The household's card number, assigned at its first issue and kept for ever (also across reissues and years):
-- the 12-digit village code at that time + a 4-digit sequence within that village. Numbers are never reused:
-- rows are never deleted and the next sequence is the village's highest + 1.
create table ncms_card_number (
  household_id int primary key references household (id),
  area_code text not null check (area_code ~ '^[0-9]{12}$'),
  seq int not null check (seq between 1 and 9999),
  card_no text not null unique check (card_no ~ '^[0-9]{16}$'),
  created_at timestamptz not null default now(),
  unique (area_code, seq)
);

-- Members' 2-digit numbers within the household card (the medical number is card_no || member_no, 18 digits).
-- A member who leaves keeps the row (the number is not given to anyone else); a new member takes the next number.
create table ncms_card_member (
  household_id int not null references ncms_card_number (household_id),
  person_id int not null references person (id),
  member_no int not null check (member_no between 1 and 99),
  created_at timestamptz not null default now(),
  primary key (household_id, person_id),
  unique (household_id, member_no)
);

-- Each paper card issued: version 1 at first issue, +1 at each reissue (补发); the previous one is voided with a reason.
create table ncms_card (
  id serial primary key,
  household_id int not null references ncms_card_number (household_id),
  area_id int not null references area (id), -- the household's village at issue: the scope of the row
  card_no text not null,
  version int not null check (version >= 1),
  status text not null default 'valid' check (status in ('valid', 'void')),
  year int not null, -- the enrollment year verified when it was issued
  issued_on date not null,
  issued_by int references app_user (id),
  issued_by_name text not null,
  void_reason text,
  voided_on date,
  voided_by_name text,
  created_at timestamptz not null default now(),
  unique (household_id, version),
  check ((status = 'void') = (void_reason is not null))
);
create unique index ncms_card_one_valid on ncms_card (household_id) where status = 'valid';
create index ncms_card_area on ncms_card (area_id, status);

-- Hand-over (发放登记): who handed the card over and who received and signed for it. One per card version.
create table ncms_card_handover (
  card_id int primary key references ncms_card (id),
  handed_on date not null,
  handed_by int references app_user (id),
  handed_by_name text not null,
  receiver_name text not null,
  receiver_relation text not null, -- relation to the household head (户主, 配偶, …, 其他)
  note text,
  created_at timestamptz not null default now()
);
