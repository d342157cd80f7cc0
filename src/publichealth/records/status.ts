import type { PersonStatus } from '../../core/db/schema.ts';

/**
 * A record is active while its resident lives here and closed (结案) when the people register says they died or
 * moved away, on that date. It is derived from the register each time rather than stored, so a correction there
 * (a death recorded by mistake and undone) reopens the record without anyone touching it.
 */
export const CLOSE_REASONS = { deceased: '死亡', moved_out: '迁出' } as const;

export type RecordStatus =
  | { status: 'active' }
  | { status: 'closed'; reason: keyof typeof CLOSE_REASONS; reasonName: string; closedOn: string | null };

export function recordStatus(person: { status: PersonStatus; statusDate: string | null }): RecordStatus {
  if (person.status === 'alive') return { status: 'active' };
  return { status: 'closed', reason: person.status, reasonName: CLOSE_REASONS[person.status], closedOn: person.statusDate };
}
