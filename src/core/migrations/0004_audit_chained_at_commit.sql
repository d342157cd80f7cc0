-- The audit hash chain is extended when a transaction commits, not when an entry is written. Chaining locks the one
-- audit_head row; taken at the first write, that lock was held for the rest of the transaction, so every audited
-- write of the county (each settlement at discharge) waited for the slowest one still open. Now an entry is written
-- with the hash of its own content only (computed by the application, content_hash) and no place in the chain; a
-- deferred constraint trigger, run inside COMMIT, locks the head, gives the transaction's entries their seq in order
-- and chains them: seq order is commit order, a rolled-back entry takes no seq, and the lock is held for the commit
-- alone. hash = sha256(prev_hash || '|' || seq || '|' || content_hash).
-- Entries chained before this migration keep their hash over all fields (content_hash null); verify knows both.

alter table audit_log drop constraint audit_log_pkey;
alter table audit_log add column id bigint generated always as identity primary key;
alter table audit_log alter column seq drop not null, alter column prev_hash drop not null, alter column hash drop not null;
alter table audit_log add column content_hash text;
create unique index audit_log_seq on audit_log (seq);
-- The entries of open transactions: a committed entry always has its seq.
create index audit_log_unchained on audit_log (id) where seq is null;

-- Append-only, except the one change chaining makes: giving an unchained entry its seq, prev_hash and hash.
create function audit_log_chain_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.seq is null and new.seq is not null
     and to_jsonb(old) - array['seq', 'prev_hash', 'hash'] = to_jsonb(new) - array['seq', 'prev_hash', 'hash'] then
    return new;
  end if;
  raise exception 'audit_log is append-only';
end $$;
drop trigger audit_log_no_change on audit_log;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_chain_only();

-- One row per recordAudit call, deleted again at commit: its deferred trigger chains the transaction's entries once.
create table audit_chain_request (id bigint generated always as identity primary key);

create function audit_chain_at_commit() returns trigger language plpgsql as $$
declare
  ids bigint[];
  contents text[];
  seqs bigint[];
  prevs text[];
  hashes text[];
  head_seq bigint;
  head_hash text;
begin
  delete from audit_chain_request where id = new.id;
  -- Only this transaction's entries are unchained and visible here.
  select array_agg(id order by id), array_agg(content_hash order by id) into ids, contents from audit_log where seq is null;
  if ids is null then
    return null;
  end if;
  select seq, hash into head_seq, head_hash from audit_head where id = 1 for update;
  for i in 1 .. array_length(ids, 1) loop
    prevs[i] := head_hash;
    head_seq := head_seq + 1;
    head_hash := encode(sha256(convert_to(head_hash || '|' || head_seq || '|' || contents[i], 'UTF8')), 'hex');
    seqs[i] := head_seq;
    hashes[i] := head_hash;
  end loop;
  update audit_log l set seq = c.seq, prev_hash = c.prev_hash, hash = c.hash
    from unnest(ids, seqs, prevs, hashes) as c (id, seq, prev_hash, hash)
   where l.id = c.id;
  update audit_head set seq = head_seq, hash = head_hash where id = 1;
  return null;
end $$;
create constraint trigger audit_chain_at_commit after insert on audit_chain_request
  deferrable initially deferred for each row execute function audit_chain_at_commit();
