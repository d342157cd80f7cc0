/**
 * Registered children with their doses, read in two set-based statements (children joined with their persons'
 * identity; every dose of those children folded into one text per child), for the lists and the indicators. A county's
 * ~50 000 children under 8 and their ~800 000 doses arrive as 50 000 rows each way, not as a query per child.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { personBasics, type PersonBasicsFilter } from '../../../core/people/person-basics.ts';
import type { ChildResidence, ChildStatus } from '../db/schema.ts';
import type { ChildCondition } from '../schedules/schema.ts';
import type { GivenDose } from '../types.ts';
import type { CohortChild } from '../indicators/coverage.ts';

export interface RegisteredChild {
  childId: number;
  name: string;
  idNumber: string | null;
  birthDate: string;
  areaId: number;
  address: string;
  residence: ChildResidence;
  status: ChildStatus;
  statusDate: string | null;
  certificateIssuedOn: string | null;
  guardianName: string;
  guardianPhone: string | null;
  conditions: ChildCondition[];
  given: GivenDose[];
}

export interface ChildLoadFilter extends PersonBasicsFilter {
  /** The living areas (villages, communities) to read; null for every area. */
  areaIds: readonly number[] | null;
  /** Only children under management now. */
  activeOnly?: boolean | undefined;
}

/**
 * "HepB 1 2025-03-01,BCG 1 2025-03-01" → doses, in no particular order (the engine and the indicators sort them).
 * Read by index rather than split: a county's indicators read half a million doses.
 */
function parseDoses(text: string | null | undefined): GivenDose[] {
  const doses: GivenDose[] = [];
  if (!text) return doses;
  for (let i = 0; i < text.length; ) {
    const space = text.indexOf(' ', i);
    const date = text.indexOf(' ', space + 1) + 1;
    const end = text.indexOf(',', date);
    doses.push({ vaccine: text.slice(i, space), dose: Number(text.slice(space + 1, date - 1)), date: text.slice(date, end < 0 ? text.length : end) });
    i = end < 0 ? text.length : end + 1;
  }
  return doses;
}

/** The children a filter selects, joined with their persons' identity; the caller picks the columns. */
function childrenQuery(db: Db, filter: ChildLoadFilter) {
  let children = db.selectFrom('imm_child as c').innerJoin(personBasics(db, filter).as('p'), 'p.id', 'c.person_id');
  if (filter.areaIds) children = children.where('c.area_id', 'in', [...filter.areaIds]);
  if (filter.activeOnly) children = children.where('c.status', '=', 'active');
  return children;
}

/** Every dose of the selected children, folded into one text per child. */
async function dosesOf(db: Db, children: ReturnType<typeof childrenQuery>): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('imm_dose as d')
    .select(['d.child_id', sql<string>`string_agg(d.vaccine || ' ' || d.dose::text || ' ' || d.given_on::text, ',')`.as('doses')])
    .where('d.child_id', 'in', children.select('c.id'))
    .groupBy('d.child_id')
    .execute();
  return new Map(rows.map((d) => [d.child_id, d.doses]));
}

export async function loadRegisteredChildren(db: Db, filter: ChildLoadFilter): Promise<RegisteredChild[]> {
  if (filter.areaIds?.length === 0) return [];
  const children = childrenQuery(db, filter);
  const [rows, doses] = await Promise.all([
    children
      .select([
        'c.id',
        'p.name',
        'p.id_number',
        'p.birth_date',
        'c.area_id',
        'c.address',
        'c.residence',
        'c.status',
        'c.status_date',
        'c.certificate_issued_on',
        'c.guardian_name',
        'c.guardian_phone',
        'c.conditions',
      ])
      .execute(),
    dosesOf(db, children),
  ]);
  return rows.map((r) => ({
    childId: r.id,
    name: r.name,
    idNumber: r.id_number,
    birthDate: r.birth_date,
    areaId: r.area_id,
    address: r.address,
    residence: r.residence,
    status: r.status,
    statusDate: r.status_date,
    certificateIssuedOn: r.certificate_issued_on,
    guardianName: r.guardian_name,
    guardianPhone: r.guardian_phone,
    conditions: r.conditions,
    given: parseDoses(doses.get(r.id)),
  }));
}

/** The children as the coverage indicators need them (no names or contacts), for every status. */
export async function loadCohort(db: Db, filter: Omit<ChildLoadFilter, 'activeOnly'>): Promise<CohortChild[]> {
  if (filter.areaIds?.length === 0) return [];
  const children = childrenQuery(db, filter);
  const [rows, doses] = await Promise.all([
    children.select(['c.id', 'p.birth_date', 'c.area_id', 'c.residence', 'c.status', 'c.status_date', 'c.certificate_issued_on', 'c.conditions']).execute(),
    dosesOf(db, children),
  ]);
  return rows.map((r) => ({
    birthDate: r.birth_date,
    given: parseDoses(doses.get(r.id)),
    conditions: r.conditions,
    areaId: r.area_id,
    residence: r.residence,
    leftOn: r.status === 'active' ? null : r.status_date,
    certificateIssuedOn: r.certificate_issued_on,
  }));
}
