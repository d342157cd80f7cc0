/**
 * 参合率 = enrolled ÷ rural residents who should enroll, per village and township, against the year's target.
 *
 * Who should enroll: persons registered in a village-level area with `urban = false` (the NCMS covers rural
 * residents; communities under streets are urban and covered by urban schemes, so they count on neither side).
 * Among them, those living (alive) plus those who enrolled this year and have since died or moved out: they were
 * enrolled and so should have been, and leaving them out would push a village above 100 %.
 * Both sides count persons by their current household's village, so enrolled ⊆ should enroll.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { requirePermission } from '../../core/auth/actor.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { getArea } from '../../core/areas/areas.ts';
import { invalid } from '../../core/errors.ts';
import { PPM } from '../scheme/decimal.ts';
import { requireEnrollmentRead } from './access.ts';
import { checkYear } from './enrollment.ts';

/** The target when a year has none of its own (the documents: 85 %). */
export const DEFAULT_TARGET_PPM = 850_000;

export interface RateFigures {
  enrolled: number;
  shouldEnroll: number;
  rate: number | null; // enrolled ÷ shouldEnroll to 4 decimals (0.9321 = 93.21 %); null when nobody should enroll
  meetsTarget: boolean | null;
}

export interface AreaRate extends RateFigures {
  areaId: number;
  code: string;
  name: string;
}

export interface EnrollmentRates {
  year: number;
  target: number; // 0.85
  villages: Array<AreaRate & { townshipId: number; townshipName: string }>;
  townships: AreaRate[];
  total: RateFigures;
}

/** Exact on integers: the rate shown is rounded, the target comparison is not. */
export function rateFigures(enrolled: number, shouldEnroll: number, targetPpm: number): RateFigures {
  if (shouldEnroll === 0) return { enrolled, shouldEnroll, rate: null, meetsTarget: null };
  return { enrolled, shouldEnroll, rate: Math.round((enrolled * 10_000) / shouldEnroll) / 10_000, meetsTarget: enrolled * PPM >= targetPpm * shouldEnroll };
}

export async function enrollmentTargetPpm(db: Db, year: number): Promise<number> {
  const row = await db.selectFrom('ncms_enrollment_target').select('target_ppm').where('year', '=', year).executeTakeFirst();
  return row?.target_ppm ?? DEFAULT_TARGET_PPM;
}

/** Sets a year's enrollment-rate target, given as a ratio (0.9 = 90 %). */
export async function setEnrollmentTarget(db: Db, actor: Actor, year: number, target: number): Promise<void> {
  requirePermission(actor, 'ncms.manage');
  checkYear(year);
  if (!(target > 0 && target <= 1)) throw invalid('target', `参合率目标应为 0 到 1 之间的小数（如 0.85），收到 ${target}`);
  const ppm = Math.round(target * PPM);
  await inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('ncms_enrollment_target').select('target_ppm').where('year', '=', year).forUpdate().executeTakeFirst();
    await trx
      .insertInto('ncms_enrollment_target')
      .values({ year, target_ppm: ppm, set_by_name: actor.name })
      .onConflict((oc) => oc.column('year').doUpdateSet({ target_ppm: ppm, set_by_name: actor.name, updated_at: sql`now()` }))
      .execute();
    await recordAudit(trx, actor, { action: 'set_target', entity: 'ncms_enrollment_target', entityId: year, before: before ? { target: before.target_ppm / PPM } : null, after: { target: ppm / PPM } });
  });
}

/**
 * Rates of the rural villages in the caller's scope (narrowed to `areaId` and below), their townships and the total.
 * Counting persons has no people-module service; this reads person and household read-only, filtered by scope.
 */
export async function enrollmentRates(db: Db, actor: Actor, filter: { year: number; areaId?: number | undefined }): Promise<EnrollmentRates> {
  requireEnrollmentRead(actor);
  checkYear(filter.year);
  let villages = db
    .selectFrom('area as v')
    .innerJoin('area as t', 't.id', 'v.parent_id')
    .select(['v.id', 'v.code', 'v.name', 't.id as township_id', 't.code as township_code', 't.name as township_name'])
    .where('v.level', '=', 'village')
    .where('v.urban', '=', false)
    .where('v.valid_to', 'is', null)
    .where('v.id', 'in', areaIdsIn(db, actor.scope));
  if (filter.areaId !== undefined) {
    const area = await getArea(db, actor, filter.areaId);
    villages = villages.where('v.id', 'in', areaIdsIn(db, { areaId: area.id, path: area.path }));
  }
  const [areaRows, counts, targetPpm] = await Promise.all([
    villages.orderBy('t.code').orderBy('v.code').execute(),
    db
      .selectFrom('person')
      .innerJoin('household', 'household.id', 'person.household_id')
      .leftJoin('ncms_enrollment as e', (join) => join.onRef('e.person_id', '=', 'person.id').on('e.year', '=', filter.year))
      .where('household.area_id', 'in', villages.clearSelect().clearOrderBy().select('v.id'))
      .where((eb) => eb.or([eb('person.status', '=', 'alive'), eb('e.id', 'is not', null)]))
      .groupBy('household.area_id')
      .select(['household.area_id', sql<number>`count(e.id)::int`.as('enrolled'), sql<number>`count(*)::int`.as('should_enroll')])
      .execute(),
    enrollmentTargetPpm(db, filter.year),
  ]);
  const byVillage = new Map(counts.map((c) => [c.area_id, c]));
  const townships = new Map<number, { code: string; name: string; enrolled: number; shouldEnroll: number }>();
  let enrolled = 0;
  let shouldEnroll = 0;
  const villageRates = areaRows.map((v) => {
    const c = byVillage.get(v.id) ?? { enrolled: 0, should_enroll: 0 };
    const t = townships.get(v.township_id) ?? { code: v.township_code, name: v.township_name, enrolled: 0, shouldEnroll: 0 };
    t.enrolled += c.enrolled;
    t.shouldEnroll += c.should_enroll;
    townships.set(v.township_id, t);
    enrolled += c.enrolled;
    shouldEnroll += c.should_enroll;
    return { areaId: v.id, code: v.code, name: v.name, townshipId: v.township_id, townshipName: v.township_name, ...rateFigures(c.enrolled, c.should_enroll, targetPpm) };
  });
  return {
    year: filter.year,
    target: targetPpm / PPM,
    villages: villageRates,
    townships: [...townships].map(([id, t]) => ({ areaId: id, code: t.code, name: t.name, ...rateFigures(t.enrolled, t.shouldEnroll, targetPpm) })),
    total: rateFigures(enrolled, shouldEnroll, targetPpm),
  };
}
