/**
 * 漏报 detection as a pure function over loaded rows: each visit diagnosis of a notifiable disease is a case the
 * diagnosing institution must report. A card answers it when it is for the same patient (resident, ID number, or
 * name + birth date) and the same disease, diagnosed within the list's `matchDays` of the visit; a card of another
 * institution answers it too (the case is reported once). Outcomes:
 *   reported — a card was reported by the visit's deadline (visit time + the disease's limit);
 *   late     — the only cards were reported after that deadline;
 *   missed   — no card and the deadline has passed (漏报);
 *   pending  — no card yet, but the deadline has not passed.
 */
import { notifiableOn, listById, type NotifiableLists } from '../notifiable/load.ts';
import { shanghaiDay } from './card-rules.ts';

export interface VisitDiagnosisRow {
  visitId: number;
  institutionId: number;
  personId: number | null;
  idNumber: string | null;
  patientName: string;
  birthDate: string | null;
  residenceAreaId: number | null;
  visitedAt: Date;
  icd10: string;
}

export interface CardRow {
  id: number;
  institutionId: number;
  personId: number | null;
  idNumber: string | null;
  patientName: string;
  birthDate: string | null;
  diseaseId: string;
  diagnosedAt: Date;
  reportedAt: Date;
}

export type CaseOutcome = 'reported' | 'late' | 'missed' | 'pending';

export interface VisitCase {
  visitId: number;
  institutionId: number;
  personId: number | null;
  patientName: string;
  residenceAreaId: number | null;
  visitedAt: Date;
  icd10: string;
  diseaseId: string;
  listId: string;
  classA: boolean;
  hours: number;
  deadline: Date;
  outcome: CaseOutcome;
  /** The card that answers the case (the earliest reported), if any. */
  cardId: number | null;
  cardInstitutionId: number | null;
}

/** The identities a patient can be recognised by, each tied to a disease. */
function keysOf(row: { personId: number | null; idNumber: string | null; patientName: string; birthDate: string | null }, diseaseId: string): string[] {
  const keys: string[] = [];
  if (row.personId !== null) keys.push(`p:${row.personId}:${diseaseId}`);
  if (row.idNumber) keys.push(`i:${row.idNumber}:${diseaseId}`);
  if (row.birthDate) keys.push(`n:${row.patientName}:${row.birthDate}:${diseaseId}`);
  return keys;
}

export function detectMissedReports(visits: readonly VisitDiagnosisRow[], cards: readonly CardRow[], lists: NotifiableLists, now: Date): VisitCase[] {
  const cardsByKey = new Map<string, CardRow[]>();
  for (const card of cards) {
    for (const key of keysOf(card, card.diseaseId)) {
      let list = cardsByKey.get(key);
      if (!list) cardsByKey.set(key, (list = []));
      list.push(card);
    }
  }
  const seen = new Set<string>();
  const cases: VisitCase[] = [];
  for (const visit of visits) {
    const match = notifiableOn(lists, visit.icd10, shanghaiDay(visit.visitedAt));
    if (!match) continue;
    // Two diagnoses of one disease at one visit (B16.9 and B18.1) are one case.
    const caseKey = `${visit.visitId}:${match.disease.id}`;
    if (seen.has(caseKey)) continue;
    seen.add(caseKey);
    const windowMs = listById(lists, match.listId)!.matchDays * 86_400_000;
    const deadline = new Date(visit.visitedAt.getTime() + match.hours * 3_600_000);
    let answer: CardRow | undefined;
    for (const key of keysOf(visit, match.disease.id)) {
      for (const card of cardsByKey.get(key) ?? []) {
        if (Math.abs(card.diagnosedAt.getTime() - visit.visitedAt.getTime()) > windowMs) continue;
        if (!answer || card.reportedAt < answer.reportedAt) answer = card;
      }
    }
    const outcome: CaseOutcome = answer ? (answer.reportedAt <= deadline ? 'reported' : 'late') : now > deadline ? 'missed' : 'pending';
    cases.push({
      visitId: visit.visitId,
      institutionId: visit.institutionId,
      personId: visit.personId,
      patientName: visit.patientName,
      residenceAreaId: visit.residenceAreaId,
      visitedAt: visit.visitedAt,
      icd10: visit.icd10,
      diseaseId: match.disease.id,
      listId: match.listId,
      classA: match.classA,
      hours: match.hours,
      deadline,
      outcome,
      cardId: answer?.id ?? null,
      cardInstitutionId: answer?.institutionId ?? null,
    });
  }
  return cases;
}
