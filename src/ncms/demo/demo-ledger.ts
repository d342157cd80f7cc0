/**
 * Fund postings of the demo data written in bulk. Every posting is checked by the ledger's own `checkPosting` (the
 * rules `postFund` applies: balanced, one side per line, sub-keys per account, date inside the year), zero lines are
 * dropped as `postFund` drops them, and the running balances are the sums of the lines. Postings are written in date
 * order (ids follow the business dates, as a clerk entering them day by day would give) and the bank account is
 * checked never to go below zero along the way, as `postFund` refuses.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import { AppError } from '../../core/errors.ts';
import { checkPosting, type FundPosting } from '../fund/ledger.ts';
import { fenText } from '../fund/money.ts';

interface Held {
  posting: FundPosting;
  lines: ReturnType<typeof checkPosting>;
  seq: number;
}

const BATCH = 10_000;

export class DemoLedger {
  private held: Held[] = [];

  add(posting: FundPosting): void {
    const lines = checkPosting(posting).filter((l) => l.debitFen > 0 || l.creditFen > 0);
    this.held.push({ posting, lines, seq: this.held.length });
  }

  get size(): number {
    return this.held.length;
  }

  /** Receivables booked (debits) in a pool and year, summed by date, account and source. */
  bookedReceivables(pool: string, year: number): Array<{ date: string; account: string; source: string | null; fen: number }> {
    const sums = new Map<string, { date: string; account: string; source: string | null; fen: number }>();
    for (const h of this.held) {
      if (h.posting.pool !== pool || h.posting.year !== year) continue;
      for (const l of h.lines) {
        if ((l.account !== 'receivable_individual' && l.account !== 'receivable_government') || l.debitFen === 0) continue;
        const key = `${h.posting.date}|${l.account}|${l.source ?? ''}`;
        const s = sums.get(key);
        if (s) s.fen += l.debitFen;
        else sums.set(key, { date: h.posting.date, account: l.account, source: l.source, fen: l.debitFen });
      }
    }
    return [...sums.values()];
  }

  /** Writes every held posting, its lines and the balances; returns the number of transactions and lines. */
  async write(db: Db, actor: Actor, progress: (rows: number) => void): Promise<{ transactions: number; lines: number }> {
    const held = this.held.sort((a, b) => a.posting.year - b.posting.year || (a.posting.date < b.posting.date ? -1 : a.posting.date > b.posting.date ? 1 : a.seq - b.seq));
    this.held = [];
    const { max } = await db.selectFrom('ncms_fund_transaction').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
    let nextId = Number(max ?? 0);
    const balances = new Map<string, { pool: string; year: number; account: string; institutionId: number | null; source: string | null; debit: number; credit: number }>();
    let lineCount = 0;
    for (let start = 0; start < held.length; start += BATCH) {
      const chunk = held.slice(start, start + BATCH);
      const ids = chunk.map(() => ++nextId);
      const tx = chunk.map((h) => h.posting);
      await insertColumns(db, 'ncms_fund_transaction', [
        ['id', 'int', ids],
        ['pool', 'text', tx.map((p) => p.pool)],
        ['year', 'int', tx.map((p) => p.year)],
        ['date', 'date', tx.map((p) => p.date)],
        ['kind', 'text', tx.map((p) => p.kind)],
        ['reference_type', 'text', tx.map((p) => p.reference.type)],
        ['reference_id', 'text', tx.map((p) => String(p.reference.id))],
        ['memo', 'text', tx.map((p) => p.memo)],
        ['created_by', 'int', tx.map(() => actor.userId)],
        ['created_by_name', 'text', tx.map(() => actor.name)],
        ['created_at', 'timestamptz', tx.map((p) => `${p.date}T10:00:00+08:00`)],
      ]);
      const lines = chunk.flatMap((h, i) => h.lines.map((l) => ({ ...l, transactionId: ids[i]!, pool: h.posting.pool, year: h.posting.year })));
      for (const l of lines) {
        const key = `${l.pool}|${l.year}|${l.account}|${l.institutionId ?? ''}|${l.source ?? ''}`;
        const b = balances.get(key) ?? { pool: l.pool, year: l.year, account: l.account, institutionId: l.institutionId, source: l.source, debit: 0, credit: 0 };
        b.debit += l.debitFen;
        b.credit += l.creditFen;
        balances.set(key, b);
        if (l.account === 'bank' && b.debit - b.credit < 0) {
          throw new AppError('insufficient_fund', `演示数据有误：${l.pool} 统筹区 ${l.year} 年度基金专户余额将为 ${fenText(b.debit - b.credit)} 元`, 500);
        }
      }
      for (let i = 0; i < lines.length; i += BATCH * 4) {
        const part = lines.slice(i, i + BATCH * 4);
        await insertColumns(db, 'ncms_fund_line', [
          ['transaction_id', 'int', part.map((l) => l.transactionId)],
          ['account', 'text', part.map((l) => l.account)],
          ['debit_fen', 'bigint', part.map((l) => l.debitFen)],
          ['credit_fen', 'bigint', part.map((l) => l.creditFen)],
          ['institution_id', 'int', part.map((l) => l.institutionId)],
          ['source', 'text', part.map((l) => l.source)],
        ]);
      }
      lineCount += lines.length;
      progress(chunk.length + lines.length);
    }
    // The same upsert postFund makes, once per balance key with the summed movement.
    const rows = [...balances.values()];
    if (rows.length > 0) {
      await db
        .insertInto('ncms_fund_balance')
        .values(rows.map((b) => ({ pool: b.pool, year: b.year, account: b.account, institution_id: b.institutionId, source: b.source, debit_fen: b.debit, credit_fen: b.credit })))
        .onConflict((oc) =>
          oc.columns(['pool', 'year', 'account', 'institution_id', 'source']).doUpdateSet({
            debit_fen: sql`ncms_fund_balance.debit_fen + excluded.debit_fen`,
            credit_fen: sql`ncms_fund_balance.credit_fen + excluded.credit_fen`,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    }
    if (nextId > 0) await sql`select setval(pg_get_serial_sequence('ncms_fund_transaction', 'id'), ${nextId})`.execute(db);
    return { transactions: held.length, lines: lineCount };
  }
}
