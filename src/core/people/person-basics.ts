import type { Db } from '../db/connection.ts';

export interface PersonBasicsFilter {
  /** Born on or after / on or before (YYYY-MM-DD). */
  bornFrom?: string | undefined;
  bornTo?: string | undefined;
  /** Whole resident IDs, as stored. */
  idNumbers?: readonly string[] | undefined;
  /** Exact names. */
  names?: readonly string[] | undefined;
}

/**
 * Persons' identity (id, name, ID number, sex, birth date) as a query other modules join on their own person_id
 * (`.innerJoin(personBasics(db, f).as('p'), 'p.id', 'imm_child.person_id')`), so a registry of tens of thousands of
 * children reads its persons in the same statement instead of by lists of ids. Not scoped: the joining module scopes
 * its own rows (a child is scoped where it lives, not where its household is registered).
 */
export function personBasics(db: Db, filter: PersonBasicsFilter = {}) {
  let query = db.selectFrom('person').select(['person.id', 'person.name', 'person.id_number', 'person.sex', 'person.birth_date']);
  if (filter.bornFrom) query = query.where('person.birth_date', '>=', filter.bornFrom);
  if (filter.bornTo) query = query.where('person.birth_date', '<=', filter.bornTo);
  if (filter.idNumbers) query = query.where('person.id_number', 'in', filter.idNumbers.length ? [...filter.idNumbers] : ['']);
  if (filter.names) query = query.where('person.name', 'in', filter.names.length ? [...filter.names] : ['']);
  return query;
}
