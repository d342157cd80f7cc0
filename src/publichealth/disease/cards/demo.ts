/**
 * Demo report cards from the demo's visits (written by the visits demo before this step): the cases detection finds
 * in the visits are reported, late or not at all with the shares of REPORTING below (village clinics worst, as the
 * county's documents say), by the institution that diagnosed; older cards are checked and confirmed. Every card
 * passes the same checks as one typed in (checkCard); a visit the checks refuse is left unreported.
 */
import type { ModuleDemoStep } from '../../../module-demos.ts';
import type { Db } from '../../../core/db/connection.ts';
import { addDays } from '../../../core/dates.ts';
import { insertColumns } from '../../../core/demo/bulk-insert.ts';
import { nextIds } from '../../../core/db/next-ids.ts';
import { createRandom, type Random } from '../../../core/demo/random.ts';
import type { InstitutionLevel } from '../../../core/db/schema.ts';
import { NOTIFIABLE_LISTS } from '../notifiable/index.ts';
import { listById } from '../notifiable/load.ts';
import { checkCard, shanghaiDay, type CheckedCard } from './card-rules.ts';
import { ageOn } from '../../../core/dates.ts';
import { shanghaiMidnight } from './card-query.ts';
import { detectMissedReports, type VisitDiagnosisRow } from './missed-detect.ts';

/** Share of cases reported at all, and of those the share reported after the limit, by the level of the institution. */
const REPORTING: Record<InstitutionLevel, { reported: number; late: number }> = {
  village: { reported: 0.6, late: 0.3 },
  township: { reported: 0.85, late: 0.15 },
  county: { reported: 0.95, late: 0.06 },
  outside: { reported: 0.95, late: 0.06 },
};
/** Cards reported this many days before the demo's day have been checked (and most confirmed). */
const SETTLED_DAYS = 3;

function occupationAt(age: number, random: Random): string {
  if (age < 3) return '散居儿童';
  if (age < 7) return random.chance(0.7) ? '幼托儿童' : '散居儿童';
  if (age < 19) return '学生';
  if (age >= 65) return random.chance(0.6) ? '农民' : '离退人员';
  return random.pick(['农民', '农民', '农民', '民工', '工人', '商业服务', '家务及待业', '教师', '医务人员']);
}

interface DemoCard {
  id: number;
  visitId: number;
  institutionId: number;
  personId: number | null;
  areaId: number;
  card: CheckedCard;
  reportedAt: Date;
  status: 'entered' | 'checked' | 'confirmed';
}

async function generate(db: Db, context: { seed: string; asOf: string }) {
  const random = createRandom(`${context.seed}:disease-cards`);
  const now = shanghaiMidnight(addDays(context.asOf, 1));
  const categories = [...new Set(NOTIFIABLE_LISTS.versions.flatMap((v) => v.categories))];
  const rows = await db
    .selectFrom('disease_visit_diagnosis as d')
    .innerJoin('disease_visit as v', 'v.id', 'd.visit_id')
    .select(['v.id', 'v.institution_id', 'v.person_id', 'v.id_number', 'v.patient_name', 'v.birth_date', 'v.sex', 'v.residence_area_id', 'v.visited_at', 'd.icd10'])
    .where('d.category', 'in', categories)
    .orderBy('v.visited_at')
    .orderBy('v.id')
    .orderBy('d.seq')
    .execute();
  const visits = new Map(rows.map((r) => [Number(r.id), r]));
  const institutions = new Map(
    (await db.selectFrom('institution as i').innerJoin('area as a', 'a.id', 'i.area_id').select(['i.id', 'i.level', 'a.id as area_id', 'a.level as area_level']).execute()).map((i) => [i.id, i]),
  );
  const visitRows = rows.map((v): VisitDiagnosisRow => ({ visitId: Number(v.id), institutionId: v.institution_id, personId: v.person_id, idNumber: v.id_number, patientName: v.patient_name, birthDate: v.birth_date, residenceAreaId: v.residence_area_id, visitedAt: v.visited_at, icd10: v.icd10 }));
  const cases = detectMissedReports(visitRows, [], NOTIFIABLE_LISTS, now);

  const cards: DemoCard[] = [];
  const lastCard = new Map<string, number>(); // person + disease → diagnosis time of its last card
  for (const c of cases) {
    const visit = visits.get(c.visitId)!;
    const institution = institutions.get(c.institutionId)!;
    const share = REPORTING[institution.level];
    // Draw the same number of times for every case, so one refused card does not shift the rest.
    const reported = random.chance(share.reported);
    const late = random.chance(share.late);
    const delay = late ? random.int(110, 400) / 100 : random.int(5, 95) / 100;
    const onsetBack = random.int(0, 3);
    const confirmed = random.chance(0.8);
    const age = visit.birth_date ? ageOn(visit.birth_date, shanghaiDay(visit.visited_at)) : 40;
    const occupation = occupationAt(age, random);
    if (!reported) continue;
    const who = `${visit.person_id ?? visit.id_number ?? `${visit.patient_name}|${visit.birth_date}`}:${c.diseaseId}`;
    const previous = lastCard.get(who);
    const list = listById(NOTIFIABLE_LISTS, c.listId)!;
    if (previous !== undefined && visit.visited_at.getTime() - previous < list.duplicateDays * 86_400_000) continue; // already reported
    const reportedAt = new Date(visit.visited_at.getTime() + delay * c.hours * 3_600_000);
    if (reportedAt > now) continue;
    const areaId = visit.residence_area_id ?? (institution.area_level === 'village' ? institution.area_id : null);
    if (areaId === null) continue;
    let card: CheckedCard;
    try {
      card = checkCard(
        {
          areaId,
          patientName: visit.patient_name,
          idNumber: visit.id_number,
          sex: visit.sex ?? 'M',
          birthDate: visit.birth_date,
          ageYears: visit.birth_date ? null : age,
          parentName: age < 14 ? `${visit.patient_name.slice(0, 1)}建国` : null,
          occupation,
          icd10: c.icd10,
          caseClass: c.classA ? 'suspected' : 'clinical',
          course: 'chronic',
          onsetDate: shanghaiDay(new Date(visit.visited_at.getTime() - onsetBack * 86_400_000)),
          diagnosedAt: visit.visited_at.toISOString(),
        },
        NOTIFIABLE_LISTS,
        reportedAt,
      );
    } catch {
      continue;
    }
    lastCard.set(who, visit.visited_at.getTime());
    const settled = now.getTime() - reportedAt.getTime() > SETTLED_DAYS * 86_400_000;
    cards.push({ id: 0, visitId: c.visitId, institutionId: c.institutionId, personId: visit.person_id, areaId, card, reportedAt, status: settled ? (confirmed ? 'confirmed' : 'checked') : 'entered' });
  }

  const ids = await nextIds(db, 'disease_card', cards.length);
  cards.forEach((c, i) => (c.id = ids[i]!));
  const col = <T>(f: (c: DemoCard) => T) => cards.map(f);
  const hoursAfter = (c: DemoCard, h: number) => new Date(c.reportedAt.getTime() + h * 3_600_000).toISOString();
  await insertColumns(db, 'disease_card', [
    ['id', 'int', col((c) => c.id)],
    ['institution_id', 'int', col((c) => c.institutionId)],
    ['visit_id', 'bigint', col((c) => c.visitId)],
    ['person_id', 'int', col((c) => c.personId)],
    ['area_id', 'int', col((c) => c.areaId)],
    ['patient_name', 'text', col((c) => c.card.patientName)],
    ['id_number', 'text', col((c) => c.card.idNumber)],
    ['sex', 'text', col((c) => c.card.sex)],
    ['birth_date', 'date', col((c) => c.card.birthDate)],
    ['age_years', 'int', col((c) => c.card.ageYears)],
    ['parent_name', 'text', col((c) => c.card.parentName)],
    ['occupation', 'text', col((c) => c.card.occupation)],
    ['list_id', 'text', col((c) => c.card.match.listId)],
    ['disease_id', 'text', col((c) => c.card.match.disease.id)],
    ['form_id', 'text', col((c) => c.card.match.form?.id ?? null)],
    ['icd10', 'text', col((c) => c.card.icd10)],
    ['disease_class', 'text', col((c) => c.card.match.disease.class)],
    ['class_a', 'boolean', col((c) => c.card.match.classA)],
    ['time_limit_hours', 'int', col((c) => c.card.match.hours)],
    ['case_class', 'text', col((c) => c.card.caseClass)],
    ['course', 'text', col((c) => c.card.course)],
    ['onset_date', 'date', col((c) => c.card.onsetDate)],
    ['diagnosed_at', 'timestamptz', col((c) => c.card.diagnosedAt.toISOString())],
    ['doctor_name', 'text', col(() => '演示医生')],
    ['reported_at', 'timestamptz', col((c) => c.reportedAt.toISOString())],
    ['on_time', 'boolean', col((c) => c.card.onTime)],
    ['status', 'text', col((c) => c.status)],
    ['entered_by_name', 'text', col(() => '演示医生')],
    ['checked_at', 'timestamptz', col((c) => (c.status === 'entered' ? null : hoursAfter(c, 20)))],
    ['checked_by_name', 'text', col((c) => (c.status === 'entered' ? null : '乡镇卫生院（演示）'))],
    ['confirmed_at', 'timestamptz', col((c) => (c.status === 'confirmed' ? hoursAfter(c, 44) : null))],
    ['confirmed_by_name', 'text', col((c) => (c.status === 'confirmed' ? '县疾控中心（演示）' : null))],
  ]);
  // The history: entry, then 审核 and 确认 where done.
  const events = cards.flatMap((c) => [
    { card: c, action: 'enter', from: null, to: 'entered', at: c.reportedAt.toISOString(), by: '演示医生' },
    ...(c.status === 'entered' ? [] : [{ card: c, action: 'check', from: 'entered', to: 'checked', at: hoursAfter(c, 20), by: '乡镇卫生院（演示）' }]),
    ...(c.status === 'confirmed' ? [{ card: c, action: 'confirm', from: 'checked', to: 'confirmed', at: hoursAfter(c, 44), by: '县疾控中心（演示）' }] : []),
  ]);
  await insertColumns(db, 'disease_card_event', [
    ['card_id', 'int', events.map((e) => e.card.id)],
    ['version', 'int', events.map(() => 1)],
    ['action', 'text', events.map((e) => e.action)],
    ['from_status', 'text', events.map((e) => e.from)],
    ['to_status', 'text', events.map((e) => e.to)],
    ['at', 'timestamptz', events.map((e) => e.at)],
    ['by_name', 'text', events.map((e) => e.by)],
  ]);
  const alerts = cards.filter((c) => c.card.match.classA);
  await insertColumns(db, 'disease_card_alert', [
    ['card_id', 'int', alerts.map((c) => c.id)],
    ['raised_at', 'timestamptz', alerts.map((c) => c.reportedAt.toISOString())],
    ['acknowledged_at', 'timestamptz', alerts.map((c) => (c.status === 'entered' ? null : hoursAfter(c, 1)))],
    ['acknowledged_by_name', 'text', alerts.map((c) => (c.status === 'entered' ? null : '县疾控中心（演示）'))],
  ]);
  // The outcome of every case against the cards written: what the missed-report list will show.
  const outcomes = { reported: 0, late: 0, missed: 0, pending: 0 };
  const written = cards.map((c) => ({ id: c.id, institutionId: c.institutionId, personId: c.personId, idNumber: c.card.idNumber, patientName: c.card.patientName, birthDate: c.card.birthDate, diseaseId: c.card.match.disease.id, diagnosedAt: c.card.diagnosedAt, reportedAt: c.reportedAt }));
  for (const c of detectMissedReports(visitRows, written, NOTIFIABLE_LISTS, now)) outcomes[c.outcome] += 1;
  const lateCards = cards.filter((c) => !c.card.onTime).length;
  return {
    text: `传染病报告卡 ${cards.length} 张（迟报 ${lateCards} 张）；就诊病例 ${cases.length} 例，漏报 ${outcomes.missed} 例`,
    counts: { cards: cards.length, lateCards, alerts: alerts.length, cases: cases.length, ...outcomes },
  };
}

/** Demo data of this part, run after the core county and the earlier modules' demos. */
export const reportCardDemoSteps: ModuleDemoStep[] = [
  { module: 'disease_cards', label: '传染病报告卡演示数据', unit: '张', generate, tables: ['disease_card', 'disease_card_event', 'disease_card_alert'] },
];
