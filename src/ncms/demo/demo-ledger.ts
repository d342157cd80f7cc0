/**
 * Fund postings of the demo data, gathered while the enrollments and claims are drawn (each checked at once by the
 * ledger's `checkPosting`, so a wrong one fails where it is made) and written together at the end.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { checkPosting, postFunds, type FundPosting } from '../fund/ledger.ts';

interface Held {
  posting: FundPosting;
  lines: ReturnType<typeof checkPosting>;
  seq: number;
}

const BATCH = 5_000;

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

  /**
   * Writes every held posting in date order (ids follow the business dates, as a clerk entering them day by day would
   * give) through the ledger's own bulk `postFunds`: its checks, its balance upsert, the bank checked posting by posting.
   */
  async write(db: Db, actor: Actor, progress: (rows: number) => void): Promise<{ transactions: number; lines: number }> {
    const held = this.held.sort((a, b) => a.posting.year - b.posting.year || (a.posting.date < b.posting.date ? -1 : a.posting.date > b.posting.date ? 1 : a.seq - b.seq));
    this.held = [];
    let lines = 0;
    for (let start = 0; start < held.length; start += BATCH) {
      const chunk = held.slice(start, start + BATCH);
      await postFunds(db, actor, chunk.map((h) => h.posting));
      const chunkLines = chunk.reduce((s, h) => s + h.lines.length, 0);
      lines += chunkLines;
      progress(chunk.length + chunkLines);
    }
    return { transactions: held.length, lines };
  }
}
