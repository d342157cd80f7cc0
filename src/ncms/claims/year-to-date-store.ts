/**
 * The saved year-to-date sums (ncms_year_to_date) around the engine's PersonYearToDate. lockYearToDate is how caps
 * hold under concurrency: it creates the person's row for the year if missing and locks it in one statement
 * (insert … on conflict do update … returning), so a second settlement for the same person waits there until the
 * first commits, then reads the sums that one saved.
 */
import { sql, type QueryCreator } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Database } from '../../database.ts';
import type { PersonYearToDate } from '../settlement/year-to-date.ts';
import type { YearToDateBucket } from '../db/schema.ts';
import { BUCKET_COLUMNS } from './breakdown.ts';

export async function lockYearToDate(trx: Db, personId: number, year: number): Promise<PersonYearToDate> {
  const row = await trx
    .insertInto('ncms_year_to_date')
    .values({ person_id: personId, year })
    .onConflict((oc) => oc.columns(['person_id', 'year']).doUpdateSet({ updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toYearToDate(row);
}

/**
 * lockYearToDate for a person enrolled (参合) for the year, in the same statement as the enrollment check; null when
 * they are not enrolled (their sums never move, so nothing is created or locked).
 */
export async function lockYearToDateIfEnrolled(trx: Db, personId: number, year: number): Promise<PersonYearToDate | null> {
  const row = await trx
    .insertInto('ncms_year_to_date')
    .columns(['person_id', 'year'])
    .expression((eb) => eb.selectFrom('ncms_enrollment').select([sql<number>`${personId}::int`.as('person_id'), sql<number>`${year}::int`.as('year')]).where('person_id', '=', personId).where('year', '=', year).limit(1))
    .onConflict((oc) => oc.columns(['person_id', 'year']).doUpdateSet({ updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirst();
  return row ? toYearToDate(row) : null;
}

export async function readYearToDate(db: Db, personId: number, year: number): Promise<PersonYearToDate> {
  const row = await db.selectFrom('ncms_year_to_date').selectAll().where('person_id', '=', personId).where('year', '=', year).executeTakeFirst();
  return toYearToDate(row ?? { person_id: personId, year, outpatient_fen: 0, chronic_fen: 0, inpatient_fen: 0, major_fen: 0 });
}

const toYearToDate = (r: { person_id: number; year: number; outpatient_fen: number; chronic_fen: number; inpatient_fen: number; major_fen: number }): PersonYearToDate => ({
  person: String(r.person_id),
  year: r.year,
  outpatientFen: r.outpatient_fen,
  chronicFen: r.chronic_fen,
  inpatientFen: r.inpatient_fen,
  majorFen: r.major_fen,
});

/** Moves one bucket by `deltaFen` (a settlement adds, a reversal takes back); the row must be locked by lockYearToDate. */
export async function moveYearToDate(trx: Db, personId: number, year: number, bucket: YearToDateBucket, deltaFen: number): Promise<void> {
  await yearToDateMove(trx, personId, year, bucket, deltaFen).execute();
}

/** moveYearToDate's statement, for a caller that runs it as a CTE of its own write (one round trip for both). */
export function yearToDateMove(db: QueryCreator<Database>, personId: number, year: number, bucket: YearToDateBucket, deltaFen: number) {
  const column = BUCKET_COLUMNS[bucket];
  return db
    .updateTable('ncms_year_to_date')
    .set((eb) => ({ [column]: eb(column, '+', deltaFen), updated_at: sql`now()` }))
    .where('person_id', '=', personId)
    .where('year', '=', year);
}
