// The pure parts of the enrollment pages: who in a household is enrolled, what the enroll form sends, and where a
// refusal of the server lands on the form.
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { EnrollmentView } from '../ncms-types.ts';

/** The year's enrollments grouped by household. */
export function byHousehold(enrollments: EnrollmentView[]): Map<number, EnrollmentView[]> {
  const groups = new Map<number, EnrollmentView[]>();
  for (const e of enrollments) {
    const list = groups.get(e.householdId);
    if (list) list.push(e);
    else groups.set(e.householdId, [e]);
  }
  return groups;
}

export type HouseholdEnrollment = 'all' | 'some' | 'none';

/** Whether a household's living members (memberCount) are all, partly or not enrolled. */
export function householdEnrollment(enrolled: number, memberCount: number): HouseholdEnrollment {
  if (enrolled === 0) return 'none';
  return enrolled >= memberCount ? 'all' : 'some';
}

/** 0.9321 → "93.21%"; no rate (nobody should enroll) → "—". */
export function ratePercent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(2)}%`;
}

/** One member row of the enroll form: every living member not yet enrolled, with a category when enrolled now. */
export interface EnrollMemberRow {
  personId: number;
  name: string;
  /** Empty: not enrolled this time (e.g. paid elsewhere, or later). */
  category?: string;
  receiptNo?: string;
}

export interface EnrollValues {
  members: EnrollMemberRow[];
  receiptNo?: string;
  collectedOn?: string;
}

export interface EnrollBody {
  householdId: number;
  year: number;
  members: { personId: number; category: string; receiptNo?: string }[];
  receiptNo?: string;
  collectedOn?: string;
  requestId: string;
}

/**
 * The request for the members given a category, and for each of them the form row it came from: the server names
 * "members.1.category" by the request's index, the form shows it on its own row.
 */
export function enrollBody(householdId: number, year: number, values: EnrollValues, requestId: string): { body: EnrollBody; rowOf: number[] } {
  const rowOf: number[] = [];
  const members: EnrollBody['members'] = [];
  values.members.forEach((row, index) => {
    if (!row.category) return;
    rowOf.push(index);
    const receiptNo = row.receiptNo?.trim();
    members.push({ personId: row.personId, category: row.category, ...(receiptNo ? { receiptNo } : {}) });
  });
  const receiptNo = values.receiptNo?.trim();
  return {
    body: { householdId, year, members, requestId, ...(receiptNo ? { receiptNo } : {}), ...(values.collectedOn ? { collectedOn: values.collectedOn } : {}) },
    rowOf,
  };
}

/** Every enrollment of a year in an area (the list pages by at most 200). */
export async function allEnrollments(year: number, areaId: number): Promise<EnrollmentView[]> {
  const all: EnrollmentView[] = [];
  for (let page = 1; ; page++) {
    const answer = await api<Page<EnrollmentView>>('/ncms/enrollments', { query: { year, areaId, page, pageSize: 200 } });
    all.push(...answer.items);
    if (answer.items.length < 200 || all.length >= answer.total) return all;
  }
}
