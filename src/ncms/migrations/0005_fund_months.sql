-- NCMS fund: monthly totals per pool, year, month, account, institution, source and kind of posting, so the overview's
-- monthly series and the institutions' monthly statements read a few hundred rows instead of every line of the year.
-- Kept by a statement-level trigger on ncms_fund_line: every writer (postFund, the demo's bulk loader) keeps them, one
-- upsert per statement whatever its size. `jiceng ncms fund check` recomputes them from the lines.

create table ncms_fund_month (
  id serial primary key,
  pool text not null,
  year int not null,
  month int not null check (month between 1 and 12),
  account text not null,
  institution_id int references institution (id),
  source text,
  kind text not null,
  debit_fen bigint not null default 0,
  credit_fen bigint not null default 0,
  lines int not null default 0, -- how many lines: for a payable line, one per settled / reversed claim
  unique nulls not distinct (pool, year, month, account, institution_id, source, kind)
);

create function ncms_fund_month_add() returns trigger language plpgsql as $$
begin
  insert into ncms_fund_month (pool, year, month, account, institution_id, source, kind, debit_fen, credit_fen, lines)
  select t.pool, t.year, extract(month from t.date)::int, n.account, n.institution_id, n.source, t.kind,
         sum(n.debit_fen), sum(n.credit_fen), count(*)
    from new_lines n
    join ncms_fund_transaction t on t.id = n.transaction_id
   group by t.pool, t.year, extract(month from t.date)::int, n.account, n.institution_id, n.source, t.kind
   -- a fixed order, so concurrent postings lock shared rows in the same order
   order by t.pool, t.year, 3, n.account, n.institution_id, n.source, t.kind
  on conflict (pool, year, month, account, institution_id, source, kind) do update
    set debit_fen = ncms_fund_month.debit_fen + excluded.debit_fen,
        credit_fen = ncms_fund_month.credit_fen + excluded.credit_fen,
        lines = ncms_fund_month.lines + excluded.lines;
  return null;
end $$;
create trigger ncms_fund_month_after_insert after insert on ncms_fund_line
  referencing new table as new_lines for each statement execute function ncms_fund_month_add();

-- Lines written before this migration.
insert into ncms_fund_month (pool, year, month, account, institution_id, source, kind, debit_fen, credit_fen, lines)
select t.pool, t.year, extract(month from t.date)::int, l.account, l.institution_id, l.source, t.kind,
       sum(l.debit_fen), sum(l.credit_fen), count(*)
  from ncms_fund_line l
  join ncms_fund_transaction t on t.id = l.transaction_id
 group by t.pool, t.year, extract(month from t.date)::int, l.account, l.institution_id, l.source, t.kind;

-- The entries list filtered by account (and institution).
create index ncms_fund_line_account on ncms_fund_line (account, institution_id);
