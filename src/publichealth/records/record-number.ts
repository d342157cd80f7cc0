import { invalid } from '../../core/errors.ts';

/**
 * 档案编号, 17 digits in the national style: the 12-digit statistical code of the resident's village (村/社区) at
 * creation, then a 5-digit sequence within that village (00001-99999). The number never changes afterwards, even
 * when the resident moves: it names where the record was opened.
 */
export const MAX_SEQUENCE = 99_999;

export function recordNumber(villageCode: string, sequence: number): string {
  if (!/^\d{12}$/.test(villageCode)) throw new Error(`village code must have 12 digits, got ${villageCode}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`sequence must be a positive integer, got ${sequence}`);
  if (sequence > MAX_SEQUENCE) throw invalid('personId', `该村（社区）的档案编号已用完（最多 ${MAX_SEQUENCE} 份）`, 'record_numbers_exhausted');
  return villageCode + String(sequence).padStart(5, '0');
}
