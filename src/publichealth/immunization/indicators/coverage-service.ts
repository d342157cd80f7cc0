/**
 * The coverage indicators of a period for the caller's scope (narrowed to an area), by township or by village.
 * Loads only the children who can count: born before the period ends and late enough to reach a dose's age or be
 * under management (under 7) during it — two statements, then computeCoverage in memory. Several periods at once
 * (supervision's months of a year) share one load.
 */
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { villagesWithTownships, type VillageWithTownship } from '../../../core/areas/village-list.ts';
import { todayInShanghai } from '../../../core/dates.ts';
import { addDuration, formatDay, parseDay, type Duration } from '../calendar.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import { loadCohort } from '../lists/load-children.ts';
import { computeCoverage, type AreaCoverage, type CohortChild, type CoverageReport } from './coverage.ts';
import { MANAGED_UNDER_AGE } from './definitions.ts';
import { parsePeriod } from './period.ts';

export type CoverageLevel = 'township' | 'village';

export interface CoverageAnswer extends Omit<CoverageReport, 'villages' | 'townships' | 'period'> {
  /** The period asked; `to` is today while it runs (`complete` false). */
  period: CoverageReport['period'] & { complete: boolean };
  level: CoverageLevel;
  areaName: string;
  areas: Array<AreaCoverage & { townshipId?: number; townshipName?: string }>;
}

/** The oldest age at which anything is counted: the latest age a dose should be complete by, or the managed age. */
function oldestCountedAge(): Duration {
  let months = MANAGED_UNDER_AGE.months;
  for (const v of NIP_SCHEDULES.versions) {
    for (const s of v.series) {
      for (const o of s.options) {
        for (const d of [...o.doses, ...o.variants.flatMap((x) => x.doses)]) {
          const age = d.timelyBefore ?? { months: d.minAge.months + v.overdueAfter.months, days: d.minAge.days + v.overdueAfter.days };
          months = Math.max(months, age.months + Math.ceil(age.days / 28));
        }
      }
    }
  }
  return { months: months + 1, days: 0 }; // a month's margin for month-end clamping and day counts
}
const OLDEST = oldestCountedAge();

/** A period as asked, its end cut at today while it runs, and the births that can count in it (what is loaded). */
function windowOf(text: string, today: string) {
  const asked = parsePeriod(text);
  const period = { ...asked, to: asked.to > today && asked.from <= today ? today : asked.to };
  return { asked, period, bornFrom: formatDay(addDuration(parseDay(period.from)!, { months: -OLDEST.months, days: 0 })), bornTo: period.to };
}

type CoverageQuery = { areaId?: number | undefined; level?: CoverageLevel | undefined };

/**
 * A period still running is counted up to today (`period.to` becomes today, `period.complete` false): a child cannot
 * have reached an age on a day still to come, and counting it would show every dose of December as missed in November.
 */
export async function coverageIndicators(db: Db, actor: Actor, query: CoverageQuery & { period: string }, today: string = todayInShanghai()): Promise<CoverageAnswer> {
  const { period, ...rest } = query;
  return (await coverageIndicatorsOfPeriods(db, actor, { ...rest, periods: [period] }, today))[0]!;
}

/**
 * The indicators of several periods (supervision's run of months) from one load of the children, one answer per
 * period in their order, each the one `coverageIndicators` gives for that period alone: the children of the union of
 * the periods' windows are read once, and each period counts only those born in its own window, as its own load
 * would have read them (so an ended village shows in a period only while such children are recorded in it).
 */
export async function coverageIndicatorsOfPeriods(
  db: Db,
  actor: Actor,
  query: CoverageQuery & { periods: readonly string[] },
  today: string = todayInShanghai(),
): Promise<CoverageAnswer[]> {
  requirePermission(actor, 'immunization.read');
  const windows = query.periods.map((p) => windowOf(p, today));
  const all = await villagesWithTownships(db, actor, query.areaId);
  if (windows.length === 0) return [];
  const cohort = await loadCohort(db, {
    areaIds: all.map((v) => v.id),
    bornFrom: windows.map((w) => w.bornFrom).reduce((a, b) => (a < b ? a : b)),
    bornTo: windows.map((w) => w.bornTo).reduce((a, b) => (a > b ? a : b)),
  });
  return windows.map((w) => answer(actor, query, all, w, cohort.filter((c) => c.birthDate >= w.bornFrom && c.birthDate <= w.bornTo)));
}

/** One period's answer from the children born in its window. */
function answer(
  actor: Actor,
  query: CoverageQuery,
  all: VillageWithTownship[],
  { asked, period }: ReturnType<typeof windowOf>,
  children: CohortChild[],
): CoverageAnswer {
  const lived = new Set(children.map((c) => c.areaId));
  // Villages that have ended are shown only while children are still recorded in them.
  const villages = all.filter((v) => v.validTo === null || lived.has(v.id));
  const report = computeCoverage(children, villages, period);
  // A single village (asked for, or the caller's whole scope) is shown as a village: its township's figures would be
  // the village's under the township's name.
  const oneVillage = all.length === 1 && (all[0]!.id === query.areaId || all[0]!.id === actor.scope.areaId);
  const level = oneVillage ? 'village' : (query.level ?? 'township');
  const askedVillage = all.find((v) => v.id === query.areaId);
  const askedTownship = all.find((v) => v.townshipId === query.areaId);
  const areaName = askedVillage?.name ?? askedTownship?.townshipName ?? (oneVillage ? all[0]!.name : report.townships.length === 1 ? report.townships[0]!.name : '全部辖区');
  const { villages: villageFigures, townships, ...rest } = report;
  return {
    ...rest,
    period: { ...period, complete: period.to === asked.to },
    level,
    areaName,
    total: { ...report.total, areaId: query.areaId ?? null, name: areaName },
    areas: level === 'village' ? villageFigures : townships,
  };
}
