/**
 * 健康体检 of the demo records, the records module's own service (it makes a record "in dynamic use"):
 * - the yearly check of the residents due one (aged 65 and over, hypertension or diabetes in the record's history),
 *   in the 12 months up to the as-of day, at their township's rate;
 * - then the checks of contracted residents (家庭医生签约服务) in the year so far, until the township's records in
 *   dynamic use reach its target. Rural townships reach it already through their NCMS claims and vaccinations; the
 *   streets, without NCMS, would otherwise show almost no records in use.
 */
import { addDays, ageOn } from '../../../core/dates.ts';
import { insertColumns } from '../../../core/demo/bulk-insert.ts';
import { weighted, type Random } from '../../../core/demo/random.ts';
import type { Db } from '../../../core/db/connection.ts';
import { dateBetween } from './demo-basic-info.ts';

export interface CheckedRecord {
  id: number;
  personId: number;
  sex: 'M' | 'F';
  birthDate: string;
  townshipId: number;
  createdOn: string;
  /** The as-of day, or the day the resident died or moved away. */
  lastDay: string;
  alive: boolean;
  electronic: boolean;
  /** hypertension / diabetes from the record's past history. */
  chronic: string[];
}

export interface TownshipRates {
  /** Share of the residents due a yearly check who had one. */
  check: number;
  /** Share of the living residents' records with a service in the year so far that the township reaches. */
  use: number;
}

export interface HealthCheck {
  recordId: number;
  personId: number;
  checkedOn: string;
  institutionId: number;
  doctor: string;
  systolic: number;
  diastolic: number;
  heightCm: number;
  weightKg: number;
  conclusion: string;
}

const CONCLUSIONS = weighted([
  ['体检未见异常', 45],
  ['血压偏高，建议低盐饮食、复查血压', 20],
  ['血糖偏高，建议控制饮食、复查血糖', 10],
  ['超重，建议适量运动、控制体重', 15],
  ['建议转上级医院进一步检查', 3],
  ['慢性病患者，按时服药，定期随访', 7],
] as const);

export function drawHealthChecks(
  random: Random,
  records: readonly CheckedRecord[],
  county: { asOf: string; rates: Map<number, TownshipRates>; centreOf: Map<number, number>; doctors: Map<number, string[]> },
  /** Persons already served in the year so far by other modules (claims, vaccinations). */
  served: ReadonlySet<number>,
): HealthCheck[] {
  const { asOf } = county;
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const twelveMonths = addDays(asOf, -364);
  const checks: HealthCheck[] = [];
  const check = (r: CheckedRecord, from: string) => {
    const centre = county.centreOf.get(r.townshipId)!;
    const high = r.chronic.includes('hypertension');
    const systolic = high ? random.int(128, 168) : random.int(104, 142);
    const male = r.sex === 'M';
    const doctors = county.doctors.get(centre);
    const c: HealthCheck = {
      recordId: r.id,
      personId: r.personId,
      checkedOn: dateBetween(random, r.createdOn > from ? r.createdOn : from, r.lastDay),
      institutionId: centre,
      doctor: doctors?.length ? random.pick(doctors) : '责任医生',
      systolic,
      diastolic: Math.max(55, systolic - random.int(38, 60)),
      heightCm: male ? random.int(156, 176) : random.int(146, 164),
      weightKg: male ? random.int(52, 82) : random.int(42, 72),
      conclusion: CONCLUSIONS.draw(random),
    };
    checks.push(c);
    return c;
  };

  // Counted like the indicator: the records of living residents, served in the calendar year up to the as-of day.
  const inUse = new Map<number, { records: number; used: number; unused: CheckedRecord[] }>();
  for (const r of records) {
    const canCheck = r.electronic && (r.createdOn > twelveMonths ? r.createdOn : twelveMonths) <= r.lastDay;
    let used = served.has(r.personId);
    if (canCheck && (ageOn(r.birthDate, asOf) >= 65 || r.chronic.length > 0) && random.chance(county.rates.get(r.townshipId)!.check)) {
      used = check(r, twelveMonths).checkedOn >= yearStart || used;
    }
    if (!r.alive) continue;
    const t = inUse.get(r.townshipId) ?? { records: 0, used: 0, unused: [] };
    t.records++;
    if (used) t.used++;
    else if (r.electronic && r.createdOn <= asOf) t.unused.push(r);
    inUse.set(r.townshipId, t);
  }
  for (const [townshipId, t] of [...inUse].sort((a, b) => a[0] - b[0])) {
    const more = Math.min(t.unused.length, Math.round(t.records * county.rates.get(townshipId)!.use) - t.used);
    for (let i = 0; i < more; i++) {
      const j = random.int(i, t.unused.length - 1);
      [t.unused[i], t.unused[j]] = [t.unused[j]!, t.unused[i]!];
      check(t.unused[i]!, yearStart);
    }
  }
  return checks;
}

export async function insertHealthChecks(db: Db, checks: readonly HealthCheck[], names: Map<number, string>, by: string): Promise<void> {
  const column = <T>(f: (c: HealthCheck) => T) => checks.map(f);
  await insertColumns(db, 'health_check', [
    ['record_id', 'int', column((c) => c.recordId)],
    ['person_id', 'int', column((c) => c.personId)],
    ['checked_on', 'date', column((c) => c.checkedOn)],
    ['institution_id', 'int', column((c) => c.institutionId)],
    ['institution_name', 'text', column((c) => names.get(c.institutionId) ?? null)],
    ['doctor', 'text', column((c) => c.doctor)],
    ['systolic', 'int', column((c) => c.systolic)],
    ['diastolic', 'int', column((c) => c.diastolic)],
    ['height_cm', 'int', column((c) => c.heightCm)],
    ['weight_kg', 'int', column((c) => c.weightKg)],
    ['conclusion', 'text', column((c) => c.conclusion)],
    ['created_by_name', 'text', column(() => by)],
    ['created_at', 'timestamptz', column((c) => `${c.checkedOn}T10:00:00+08:00`)],
  ]);
}
