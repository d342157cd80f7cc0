/**
 * The alert rules, pure: facts of settled claims in, alert drafts out. Each draft has a `key` naming what was found
 * (the clinic and month, the person and month, the two admissions, the receipt), so a month run again finds the
 * same keys and the store adds nothing twice. Only settled claims are looked at: a rejected claim paid nothing and
 * a reversed one was taken back. Thresholds come from `ncms_monitoring_rule` (rule-config.ts), stated in the summary.
 */
import { fenText } from '../fund/money.ts';
import type { AlertRule, RuleParams } from './rule-config.ts';
import { daysBetween, monthOf, shiftMonth, type MonthText } from './months.ts';

export interface AlertDraft {
  rule: AlertRule;
  key: string;
  month: MonthText;
  institutionId: number | null;
  personId: number | null;
  summary: string;
  figures: Record<string, unknown>;
  claimIds: number[];
}

/** What the rules read of a claim. The visit day is `admittedOn` (= dischargedOn for a visit). */
export interface ClaimFact {
  id: number;
  institutionId: number;
  institutionName: string;
  personId: number;
  personName: string;
  kind: 'outpatient' | 'inpatient' | 'chronic' | 'delivery';
  admittedOn: string;
  dischargedOn: string;
  diagnosis: string;
  totalFen: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const byDateThenId = (a: ClaimFact, b: ClaimFact) => (a.admittedOn < b.admittedOn ? -1 : a.admittedOn > b.admittedOn ? 1 : a.id - b.id);

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The institution most of the claims were made at (the alert's institution when the claims span several). */
function mainInstitution(claims: readonly ClaimFact[]): { id: number; name: string } {
  const counts = groupBy(claims, (c) => c.institutionId);
  const [id, list] = [...counts].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0]!;
  return { id, name: list[0]!.institutionName };
}

// (1) 村卫生室门诊统筹补偿突增 ------------------------------------------------------------------------------------

export interface ClinicMonths {
  institutionId: number;
  institutionName: string;
  /** Outpatient pooling reimbursement (fen) per month, for the month and the history months; a missing month is 0. */
  payByMonth: Map<MonthText, number>;
}

/**
 * A village clinic whose outpatient pooling reimbursements in `month` exceed the mean + sdFactor × SD (population SD)
 * of the previous `historyMonths` months AND are at least minRatio × that mean: both, because a clinic with very
 * steady months crosses mean + 3 SD on an ordinary rise, and a tiny clinic doubles on a few visits. History: the
 * clinic must have had outpatient pooling in the first month of the window (it has run for `historyMonths` months),
 * else no alert. Claims are attached by the store (the month's outpatient claims of the clinic).
 */
export function villageSurges(month: MonthText, clinics: readonly ClinicMonths[], p: RuleParams<'village_surge'>): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  for (const clinic of clinics) {
    const line = surgeLine(month, clinic, p);
    if (!line) continue;
    const { history, amounts, current, mean, sd, threshold } = line;
    if (current <= 0 || current <= threshold) continue;
    drafts.push({
      rule: 'village_surge',
      key: `${clinic.institutionId}:${month}`,
      month,
      institutionId: clinic.institutionId,
      personId: null,
      summary: `${clinic.institutionName} ${month} 门诊统筹补偿 ${fenText(current)} 元，前 ${p.historyMonths} 个月平均 ${fenText(Math.round(mean))} 元、标准差 ${fenText(Math.round(sd))} 元，超过预警线 ${fenText(Math.ceil(threshold))} 元（为平均值的 ${round2(current / mean)} 倍）`,
      figures: { institutionName: clinic.institutionName, currentFen: current, meanFen: Math.round(mean), sdFen: Math.round(sd), thresholdFen: Math.ceil(threshold), history: history.map((m, i) => ({ month: m, fen: amounts[i] })) },
      claimIds: [],
    });
  }
  return drafts;
}

/** The clinic's month against its history: the figures and the alert line; null without enough history. */
export function surgeLine(month: MonthText, clinic: ClinicMonths, p: RuleParams<'village_surge'>) {
  const history = Array.from({ length: p.historyMonths }, (_, i) => shiftMonth(month, i - p.historyMonths));
  if (!((clinic.payByMonth.get(history[0]!) ?? 0) > 0)) return null;
  const amounts = history.map((m) => clinic.payByMonth.get(m) ?? 0);
  const mean = amounts.reduce((s, a) => s + a, 0) / amounts.length;
  const sd = Math.sqrt(amounts.reduce((s, a) => s + (a - mean) ** 2, 0) / amounts.length);
  return { history, amounts, current: clinic.payByMonth.get(month) ?? 0, mean, sd, threshold: Math.max(mean + p.sdFactor * sd, mean * p.minRatio) };
}

// (2) 短期内频繁就诊 -------------------------------------------------------------------------------------------

/**
 * One person with at least `visits` outpatient or chronic visits within `days` days (a window of that many calendar
 * days). A window counts for the month its last visit falls in; one alert per person and month, with every visit of
 * every such window (windows may reach back into the previous month). `claims` are the visits of the month and the
 * `days − 1` days before it.
 */
export function frequentVisits(month: MonthText, claims: readonly ClaimFact[], p: RuleParams<'frequent_visits'>): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  const visits = claims.filter((c) => c.kind === 'outpatient' || c.kind === 'chronic');
  for (const [personId, list] of groupBy(visits, (c) => c.personId)) {
    if (list.length < p.visits) continue;
    list.sort(byDateThenId);
    const flagged = new Set<ClaimFact>();
    let most = 0, first = '', last = '';
    for (let end = 0, start = 0; end < list.length; end += 1) {
      while (daysBetween(list[start]!.admittedOn, list[end]!.admittedOn) >= p.days) start += 1;
      const n = end - start + 1;
      if (n < p.visits || monthOf(list[end]!.admittedOn) !== month) continue;
      for (let i = start; i <= end; i += 1) flagged.add(list[i]!);
      if (n > most) [most, first, last] = [n, list[start]!.admittedOn, list[end]!.admittedOn];
    }
    if (flagged.size === 0) continue;
    const behind = [...flagged].sort(byDateThenId);
    const institution = mainInstitution(behind);
    const places = [...groupBy(behind, (c) => c.institutionName)].map(([name, l]) => `${name} ${l.length} 次`).join('、');
    drafts.push({
      rule: 'frequent_visits',
      key: `${personId}:${month}`,
      month,
      institutionId: institution.id,
      personId,
      summary: `${behind[0]!.personName} 在 ${first} 至 ${last} 的 ${p.days} 天内门诊就诊 ${most} 次（预警线 ${p.visits} 次）；本月涉及就诊 ${behind.length} 次：${places}`,
      figures: { personName: behind[0]!.personName, institutionName: institution.name, mostInWindow: most, windowFrom: first, windowTo: last, visits: behind.length },
      claimIds: behind.map((c) => c.id),
    });
  }
  return drafts;
}

// (3) 分解住院 ---------------------------------------------------------------------------------------------------

const category = (diagnosis: string) => diagnosis.slice(0, 3).toUpperCase();

/**
 * Discharge and re-admission of the same person within `days` days (re-admission date − discharge date) for the same
 * 3-character ICD-10 category, inpatient claims only (deliveries are not split). One alert per pair, in the month the
 * re-admission was discharged; `claims` hold the month's admissions and the earlier ones they may follow.
 */
export function splitAdmissions(month: MonthText, claims: readonly ClaimFact[], p: RuleParams<'split_admission'>): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  const admissions = claims.filter((c) => c.kind === 'inpatient' && category(c.diagnosis).length === 3);
  for (const list of groupBy(admissions, (c) => c.personId).values()) {
    if (list.length < 2) continue;
    list.sort(byDateThenId);
    for (let i = 1; i < list.length; i += 1) {
      const again = list[i]!;
      if (monthOf(again.dischargedOn) !== month) continue;
      // The closest earlier discharge of the same category before this admission.
      const before = list
        .slice(0, i)
        .filter((a) => category(a.diagnosis) === category(again.diagnosis) && a.dischargedOn <= again.admittedOn)
        .sort((a, b) => (a.dischargedOn < b.dischargedOn ? 1 : a.dischargedOn > b.dischargedOn ? -1 : b.id - a.id))[0];
      if (!before) continue;
      const gap = daysBetween(before.dischargedOn, again.admittedOn);
      if (gap > p.days) continue;
      drafts.push({
        rule: 'split_admission',
        key: `${before.id}-${again.id}`,
        month,
        institutionId: again.institutionId,
        personId: again.personId,
        summary: `${again.personName} 于 ${before.dischargedOn} 从${before.institutionName}出院（${before.diagnosis}），${gap} 天后 ${again.admittedOn} 因同类疾病（${again.diagnosis}）再次入住${again.institutionName}（预警线 ${p.days} 天）`,
        figures: { personName: again.personName, institutionName: again.institutionName, category: category(again.diagnosis), gapDays: gap, dischargedOn: before.dischargedOn, readmittedOn: again.admittedOn },
        claimIds: [before.id, again.id],
      });
    }
  }
  return drafts;
}

// (4) 死亡或迁出人员报销 --------------------------------------------------------------------------------------------

export interface PersonStatusFact {
  status: 'alive' | 'deceased' | 'moved_out';
  statusDate: string | null;
}
const STATUS_WORDS = { deceased: '死亡', moved_out: '迁出' } as const;

/**
 * Claims whose visit or admission day is after the day the person was registered deceased or moved out (on that day
 * itself the person may still have been seen). One alert per person and month. A status without a date is not judged.
 */
export function ineligiblePersons(month: MonthText, claims: readonly ClaimFact[], persons: ReadonlyMap<number, PersonStatusFact>): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  const late = claims.filter((c) => {
    const p = persons.get(c.personId);
    return p !== undefined && p.status !== 'alive' && p.statusDate !== null && c.admittedOn > p.statusDate;
  });
  for (const [personId, list] of groupBy(late, (c) => c.personId)) {
    list.sort(byDateThenId);
    const p = persons.get(personId)! as PersonStatusFact & { status: 'deceased' | 'moved_out'; statusDate: string };
    const institution = mainInstitution(list);
    const total = list.reduce((s, c) => s + c.totalFen, 0);
    drafts.push({
      rule: 'ineligible_person',
      key: `${personId}:${month}`,
      month,
      institutionId: institution.id,
      personId,
      summary: `${list[0]!.personName} 已于 ${p.statusDate} 登记${STATUS_WORDS[p.status]}，此后仍有 ${list.length} 笔报销（首笔 ${list[0]!.admittedOn}，${list[0]!.institutionName}），总费用 ${fenText(total)} 元`,
      figures: { personName: list[0]!.personName, institutionName: institution.name, status: p.status, statusDate: p.statusDate, claims: list.length, totalFen: total },
      claimIds: list.map((c) => c.id),
    });
  }
  return drafts;
}

// (5) 同一票据重复报销 ------------------------------------------------------------------------------------------

/**
 * The same receipt claimed twice: claims carry no receipt (invoice) number, so "the same receipt" is the same
 * institution, person, admission and discharge (visit) day and total cost. One alert per such receipt.
 */
export function duplicateReceipts(month: MonthText, claims: readonly ClaimFact[]): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  const receipt = (c: ClaimFact) => `${c.institutionId}:${c.personId}:${c.admittedOn}:${c.dischargedOn}:${c.totalFen}`;
  for (const [key, list] of groupBy(claims, receipt)) {
    if (list.length < 2 || monthOf(list[0]!.dischargedOn) !== month) continue;
    list.sort(byDateThenId);
    const c = list[0]!;
    const days = c.admittedOn === c.dischargedOn ? c.admittedOn : `${c.admittedOn} 至 ${c.dischargedOn}`;
    drafts.push({
      rule: 'duplicate_receipt',
      key,
      month,
      institutionId: c.institutionId,
      personId: c.personId,
      summary: `${c.personName} 在${c.institutionName} ${days} 总费用 ${fenText(c.totalFen)} 元的单据结算了 ${list.length} 次`,
      figures: { personName: c.personName, institutionName: c.institutionName, times: list.length, totalFen: c.totalFen },
      claimIds: list.map((x) => x.id),
    });
  }
  return drafts;
}
