/**
 * The vaccine batches of the demo clinics: the county CDC buys one lot of each vaccine every half year and delivers it
 * to every clinic shortly before the half year starts, so a dose on a day comes from its clinic's lot of that half
 * year — received before it and valid well past it. Each batch holds what its doses used, plus what is left: the
 * current half year's lot has stock, a few older lots kept a few doses (expired now). remaining = received − used.
 */
import type { Db } from '../../../core/db/connection.ts';
import type { Random } from '../../../core/demo/random.ts';
import { RowBatch } from '../../../core/demo/bulk-insert.ts';
import { addDuration, formatDay, parseDay } from '../calendar.ts';
import type { VaccineCode } from '../schedules/schema.ts';
import { DEMO_VACCINES } from './demo-vaccines.ts';

interface Lot {
  manufacturer: string;
  batchNo: string;
  expiry: string;
}

interface HeldBatch {
  id: number;
  clinic: { id: number; vaccinators: readonly string[] };
  vaccine: string;
  lot: Lot;
  half: string;
  used: number;
  lastUsed: string;
}

/** The first day of the half year a day falls in. */
const halfOf = (day: string) => `${day.slice(0, 4)}-${day.slice(5, 7) <= '06' ? '01' : '07'}-01`;

export class DemoBatches {
  private readonly lots = new Map<string, Lot>();
  private readonly held = new Map<string, HeldBatch>();
  private nextId: number;

  constructor(
    private readonly random: Random,
    private readonly asOf: string,
    firstId: number,
  ) {
    this.nextId = firstId;
  }

  /** The county's lot of a vaccine for a half year: one manufacturer, a batch number from its production month. */
  private lot(vaccine: string, half: string): Lot {
    const key = `${vaccine}|${half}`;
    let lot = this.lots.get(key);
    if (!lot) {
      const spec = DEMO_VACCINES[vaccine as VaccineCode];
      const index = this.random.int(0, spec.manufacturers.length - 1);
      const produced = parseDay(half)! - this.random.int(30, 120);
      const made = formatDay(produced);
      // Batch numbers as the makers print them: production year and month, then the lot's serial (a letter for some).
      const serial = String(this.random.int(1, 180)).padStart(3, '0');
      const batchNo = `${index % 2 === 1 ? 'B' : ''}${made.slice(0, 4)}${made.slice(5, 7)}${serial}`;
      lot = { manufacturer: spec.manufacturers[index]!, batchNo, expiry: formatDay(addDuration(produced, { months: spec.shelfMonths, days: -1 })) };
      this.lots.set(key, lot);
    }
    return lot;
  }

  private batch(clinic: HeldBatch['clinic'], vaccine: string, half: string): HeldBatch {
    const key = `${clinic.id}|${vaccine}|${half}`;
    let batch = this.held.get(key);
    if (!batch) {
      batch = { id: this.nextId++, clinic, vaccine, lot: this.lot(vaccine, half), half, used: 0, lastUsed: half };
      this.held.set(key, batch);
    }
    return batch;
  }

  /** The batch a clinic's dose on a day comes from, counted as used; its id. */
  take(clinic: HeldBatch['clinic'], vaccine: string, day: string): number {
    const batch = this.batch(clinic, vaccine, halfOf(day));
    batch.used++;
    if (day > batch.lastUsed) batch.lastUsed = day;
    return batch.id;
  }

  /** Writes the batches and their receipts; every vaccine a clinic gave in the past year has a current lot in stock. */
  async write(db: Db): Promise<number> {
    const current = halfOf(this.asOf);
    const yearAgo = formatDay(parseDay(this.asOf)! - 365);
    for (const b of [...this.held.values()]) if (b.half >= halfOf(yearAgo)) this.batch(b.clinic, b.vaccine, current);
    const rows = [...this.held.values()].map((b) => {
      const left = b.half === current ? this.random.int(20, 150) : this.random.chance(0.15) ? this.random.int(1, 6) : 0;
      const receivedOn = formatDay(parseDay(b.half)! - this.random.int(2, 15));
      return { ...b, received: b.used + left, left, receivedOn, by: this.random.pick(b.clinic.vaccinators) };
    });
    type Row = (typeof rows)[number];
    const batches = new RowBatch<Row>('imm_batch', [
      ['id', 'int', (r) => r.id],
      ['institution_id', 'int', (r) => r.clinic.id],
      ['vaccine', 'text', (r) => r.vaccine],
      ['manufacturer', 'text', (r) => r.lot.manufacturer],
      ['batch_no', 'text', (r) => r.lot.batchNo],
      ['expiry', 'date', (r) => r.lot.expiry],
      ['received_qty', 'int', (r) => r.received],
      ['remaining', 'int', (r) => r.left],
      ['received_on', 'date', (r) => r.receivedOn],
      ['received_by_name', 'text', (r) => r.by],
      ['created_at', 'timestamptz', (r) => `${r.receivedOn}T10:00:00+08:00`],
    ]);
    const receipts = new RowBatch<Row>('imm_stock_movement', [
      ['batch_id', 'int', (r) => r.id],
      ['kind', 'text', () => 'receive'],
      ['quantity', 'int', (r) => r.received],
      ['at', 'timestamptz', (r) => `${r.receivedOn}T10:00:00+08:00`],
      ['by_name', 'text', (r) => r.by],
    ]);
    // The doses' stock taken as one movement per batch: a movement per dose would double the rows written, and the
    // dose rows already say which batch each came from.
    const used = new RowBatch<Row>('imm_stock_movement', [
      ['batch_id', 'int', (r) => r.id],
      ['kind', 'text', () => 'dose'],
      ['quantity', 'int', (r) => -r.used],
      ['reason', 'text', (r) => `演示数据：本批次接种 ${r.used} 剂合计`],
      ['at', 'timestamptz', (r) => `${r.lastUsed}T17:00:00+08:00`],
      ['by_name', 'text', (r) => r.by],
    ]);
    for (const r of rows) {
      batches.add(r);
      receipts.add(r);
      if (r.used > 0) used.add(r);
    }
    await batches.write(db);
    await receipts.write(db);
    await used.write(db);
    return rows.length;
  }

  get lastId(): number {
    return this.nextId - 1;
  }
}
