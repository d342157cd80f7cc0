/**
 * Rules on vaccine batches, pure: whether a batch may be used for a dose on a day, which batch to use first (FEFO:
 * first expiring, first out) and how close a batch is to its expiry.
 */
import { addDays } from '../../../core/dates.ts';

export interface BatchFacts {
  id: number;
  institutionId: number;
  vaccine: string;
  batchNo: string;
  /** Usable up to and including this day (有效期至). */
  expiry: string;
  receivedOn: string;
  remaining: number;
}

/** Days before expiry from which the stock list warns (近效期). */
export const EXPIRING_WITHIN_DAYS = 30;

export type ExpiryWarning = 'expired' | 'expiring' | null;

export function expiryWarning(expiry: string, on: string): ExpiryWarning {
  if (expiry < on) return 'expired';
  return expiry <= addDays(on, EXPIRING_WITHIN_DAYS) ? 'expiring' : null;
}

/** Why a batch cannot be used for a dose of `vaccine` given at `institutionId` on `date`; null when it can. */
export function batchProblem(batch: BatchFacts, use: { vaccine: string; institutionId: number; date: string }): string | null {
  if (batch.vaccine !== use.vaccine) return `批号 ${batch.batchNo} 是 ${batch.vaccine} 疫苗，不能用于 ${use.vaccine} 的接种`;
  if (batch.institutionId !== use.institutionId) return `批号 ${batch.batchNo} 不在本接种单位的库存中`;
  if (batch.expiry < use.date) return `批号 ${batch.batchNo} 已于 ${batch.expiry} 过期，不能用于 ${use.date} 的接种`;
  if (batch.receivedOn > use.date) return `批号 ${batch.batchNo} 于 ${batch.receivedOn} 入库，不能用于更早的 ${use.date} 的接种`;
  if (batch.remaining < 1) return `批号 ${batch.batchNo} 已无库存`;
  return null;
}

/** FEFO: of the batches usable on that day, the one expiring first (then the one received first). */
export function pickFefo<B extends BatchFacts>(batches: readonly B[], use: { vaccine: string; institutionId: number; date: string }): B | undefined {
  let best: B | undefined;
  for (const b of batches) {
    if (batchProblem(b, use) !== null) continue;
    if (!best || b.expiry < best.expiry || (b.expiry === best.expiry && (b.receivedOn < best.receivedOn || (b.receivedOn === best.receivedOn && b.id < best.id)))) best = b;
  }
  return best;
}
