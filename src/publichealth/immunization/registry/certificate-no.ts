/**
 * Certificate numbers (接种证号): 18 digits = the clinic's township code (first 9 digits of its 12-digit area code;
 * a county-level clinic uses the county code followed by 000) + the year of issue + a 5-digit sequence per township
 * and year, allocated without gaps under a row lock. Example: 430702100 2026 00017 → 430702100202600017.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';

export const CERTIFICATE_SEQUENCE_DIGITS = 5;

export function certificatePrefix(clinicAreaCode: string): string {
  return clinicAreaCode.slice(0, 9);
}

export function formatCertificateNo(prefix: string, year: number, sequence: number): string {
  return `${prefix}${year}${String(sequence).padStart(CERTIFICATE_SEQUENCE_DIGITS, '0')}`;
}

/** The next number for the prefix and year, inside the caller's transaction. */
export async function allocateCertificateNo(trx: Db, prefix: string, year: number): Promise<string> {
  const { last_no } = await trx
    .insertInto('imm_certificate_counter')
    .values({ prefix, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'year']).doUpdateSet({ last_no: sql`imm_certificate_counter.last_no + 1` }))
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return formatCertificateNo(prefix, year, last_no);
}
