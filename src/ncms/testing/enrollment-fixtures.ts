/** Test helpers for the NCMS database parts: an active scheme and households made through the people service. */
import type { Db } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { createHousehold, getHousehold } from '../../core/people/households.ts';
import { makeResidentId } from '../../core/people/resident-id.ts';
import { addDays } from '../../core/dates.ts';
import { activateScheme, saveSchemeDraft } from '../schemes/scheme-store.ts';
import { exampleSchemeDocument } from './example-scheme.ts';

const fixtureActor = systemActor('测试夹具');

/** Saves and activates the worked-example scheme (individual contribution 400 元) for a year. */
export async function activeExampleScheme(db: Db, year: number): Promise<number> {
  const saved = await saveSchemeDraft(db, fixtureActor, { document: { ...exampleSchemeDocument(), year } });
  await activateScheme(db, fixtureActor, saved.id);
  return saved.id;
}

let sequence = 0;
/** A fresh valid resident ID of the county: the 3-digit sequence runs out, so each thousand gets the next birth date. */
export function freshId(birthDate?: string): string {
  sequence += 1;
  return makeResidentId('430702', birthDate ?? addDays('1980-05-06', Math.floor(sequence / 1000)), sequence % 1000);
}

export interface FixtureMember {
  id: number;
  name: string;
  idNumber: string;
}

/** Registers a household (the first name is the head) and returns its id and members in order. */
export async function addHousehold(db: Db, areaId: number, names: string[]): Promise<{ id: number; householdNo: string; members: FixtureMember[] }> {
  const ids = names.map(() => freshId());
  const id = await createHousehold(db, fixtureActor, {
    areaId,
    address: '测试地址',
    members: names.map((name, i) => ({ name, idNumber: ids[i]!, relation: i === 0 ? 'head' : 'other' })),
  });
  const household = await getHousehold(db, fixtureActor, id);
  const members = names.map((name, i) => ({ id: household.members.find((m) => m.idNumber === ids[i])!.id, name, idNumber: ids[i]! }));
  return { id, householdNo: household.householdNo, members };
}
