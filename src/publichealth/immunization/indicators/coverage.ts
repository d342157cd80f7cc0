/**
 * Coverage (接种率), timeliness (及时接种率) and certificate (建证率) indicators of a period, per dose, for every village
 * (or community) a cohort lives in, their townships and the total. Pure: the caller loads the children.
 * Definitions: definitions.ts (returned with the figures) and README "Lists and indicators".
 *
 * A child counts where it lives now (migrants included); each dose of the alternatives it follows counts in the
 * period in which the child reaches the age the dose should be complete by (dose-outcomes.ts), unless the child had
 * left management (moved away, died) before that day. Villages, townships and the total are each counted from the
 * children, not from each other, so the property test that villages add up to their township means something.
 */
import { addDuration, parseDay } from '../calendar.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { GivenDose } from '../types.ts';
import { COVERAGE_TARGET_PERCENT, INDICATOR_DEFINITIONS, MANAGED_UNDER_AGE, completeByText, doseDefinition } from './definitions.ts';
import { NIP_OUTCOMES, dayOf, type DoseOutcomes, type DoseVisitor } from './dose-outcomes.ts';
import type { Period } from './period.ts';

export interface CohortChild {
  birthDate: string;
  given: readonly GivenDose[];
  conditions?: readonly ChildCondition[] | undefined;
  /** The village or community the child lives in now (migrants: where they live, not their household registration). */
  areaId: number;
  residence: 'local' | 'migrant_in';
  /** The day the child left management (moved away or died); null while under management. */
  leftOn: string | null;
  certificateIssuedOn: string | null;
}

/** A village-level area and its township, as the caller's scope lists them. */
export interface VillageArea {
  id: number;
  code: string;
  name: string;
  townshipId: number;
  townshipCode: string;
  townshipName: string;
}

export interface DoseFigures {
  key: string;
  eligible: number;
  given: number;
  timely: number;
  /** given ÷ eligible to 4 decimals; null when nobody is eligible. */
  coverage: number | null;
  timeliness: number | null;
  /** Coverage ≥ the target, compared exactly on the counts; null when nobody is eligible. */
  meetsTarget: boolean | null;
}

export interface CertificateFigures {
  managed: number;
  /** Of whom migrants (流动儿童). */
  migrants: number;
  certified: number;
  rate: number | null;
}

export interface AreaCoverage {
  areaId: number | null;
  code: string;
  name: string;
  doses: DoseFigures[];
  certificate: CertificateFigures;
}

export interface CoverageReport {
  period: Period;
  definitions: typeof INDICATOR_DEFINITIONS;
  targetPercent: number;
  /** The dose rows, in schedule order; every area's `doses` lists the same keys in the same order. */
  doses: { key: string; name: string; vaccines: string[]; completeBy: string; definition: string }[];
  villages: Array<AreaCoverage & { townshipId: number; townshipName: string }>;
  townships: AreaCoverage[];
  total: AreaCoverage;
}

/** A count over a count, to 4 decimals; null (无数据) for a zero denominator — never NaN. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * 10_000) / denominator) / 10_000;
}

// Counters per area: for each dose row eligible, given, timely; then managed, migrants, certified.
const PER_DOSE = 3;

export function computeCoverage(children: Iterable<CohortChild>, villages: readonly VillageArea[], period: Period, outcomes: DoseOutcomes = NIP_OUTCOMES): CoverageReport {
  const rows = outcomes.rows;
  const width = rows.length * PER_DOSE + 3;
  const townshipIds = [...new Set(villages.map((v) => v.townshipId))];
  const townshipIndex = new Map(townshipIds.map((id, i) => [id, villages.length + i]));
  const totalIndex = villages.length + townshipIds.length;
  const where = new Map(villages.map((v, i) => [v.id, [i, townshipIndex.get(v.townshipId)!, totalIndex] as const]));
  const counts = new Int32Array((totalIndex + 1) * width);
  const from = parseDay(period.from)!;
  const to = parseDay(period.to)!;

  // One visitor for every child (a closure per child would be named by tsx each time): it reads the child's areas
  // and leaving day from these.
  let areas: readonly number[] = [];
  let left = Infinity;
  const count: DoseVisitor = (row, complete, given) => {
    if (complete < from || complete > to || left < complete) return;
    const timely = given !== undefined && given < complete;
    const byEnd = given !== undefined && given <= to;
    for (const a of areas) {
      const at = a * width + row * PER_DOSE;
      counts[at]!++;
      if (byEnd) counts[at + 1]!++;
      if (timely) counts[at + 2]!++;
    }
  };

  for (const child of children) {
    const lives = where.get(child.areaId);
    const birth = dayOf(child.birthDate);
    if (!lives || birth === undefined) continue;
    areas = lives;
    left = child.leftOn === null ? Infinity : dayOf(child.leftOn)!;
    outcomes.visit(child, count);
    // Under management at the period's end: born by then, under 7 then, not left before it.
    if (birth <= to && to < addDuration(birth, MANAGED_UNDER_AGE) && left >= to) {
      const certified = child.certificateIssuedOn !== null && child.certificateIssuedOn <= period.to;
      for (const a of areas) {
        const at = a * width + rows.length * PER_DOSE;
        counts[at]!++;
        if (child.residence === 'migrant_in') counts[at + 1]!++;
        if (certified) counts[at + 2]!++;
      }
    }
  }

  const figures = (index: number) => {
    const base = index * width;
    const doses = rows.map((r, i): DoseFigures => {
      const [eligible, given, timely] = [counts[base + i * PER_DOSE]!, counts[base + i * PER_DOSE + 1]!, counts[base + i * PER_DOSE + 2]!];
      return {
        key: r.key,
        eligible,
        given,
        timely,
        coverage: rate(given, eligible),
        timeliness: rate(timely, eligible),
        meetsTarget: eligible === 0 ? null : given * 100 >= COVERAGE_TARGET_PERCENT * eligible,
      };
    });
    const c = base + rows.length * PER_DOSE;
    const [managed, migrants, certified] = [counts[c]!, counts[c + 1]!, counts[c + 2]!];
    return { doses, certificate: { managed, migrants, certified, rate: rate(certified, managed) } };
  };

  return {
    period,
    definitions: INDICATOR_DEFINITIONS,
    targetPercent: COVERAGE_TARGET_PERCENT,
    doses: rows.map((r) => ({ key: r.key, name: r.name, vaccines: r.vaccines, completeBy: completeByText(r), definition: doseDefinition(r) })),
    villages: villages.map((v, i) => ({ areaId: v.id, code: v.code, name: v.name, townshipId: v.townshipId, townshipName: v.townshipName, ...figures(i) })),
    townships: townshipIds.map((id) => {
      const v = villages.find((x) => x.townshipId === id)!;
      return { areaId: id, code: v.townshipCode, name: v.townshipName, ...figures(townshipIndex.get(id)!) };
    }),
    total: { areaId: null, code: '', name: '合计', ...figures(totalIndex) },
  };
}
