/**
 * Matching visits to residents, for a whole batch at once: the exact resident ID first, else name + birth date + village
 * (a village named in the address or the village field, else the clinic's own village). Only a single candidate is a
 * match; none or several leave the visit unmatched for manual linking. A resident found by ID who lives outside the
 * sender's area is reported (sender-area.ts), never stored.
 */
import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { personBasics } from '../../../core/people/person-basics.ts';
import { personsByIds } from '../../../core/people/persons.ts';
import { villagesWithTownships, type VillageWithTownship } from '../../../core/areas/village-list.ts';
import type { VisitMatchMethod } from '../db/intake-schema.ts';
import type { CheckedVisit } from './validate-visit.ts';

export interface VisitMatch {
  personId: number | null;
  areaId: number | null;
  method: VisitMatchMethod;
}

export interface OutOfArea {
  index: number;
  personName: string;
  villageName: string;
}

export interface SenderPlace {
  /** Acting within the sender's allowed area (sender-area.ts), so only its villages are seen. */
  actor: Actor;
  /** The clinic's own village, when the institution is a village clinic. */
  ownVillageId: number | null;
}

const UNMATCHED: VisitMatch = { personId: null, areaId: null, method: 'unmatched' };

/** The villages a visit's place text names; several with the same name are narrowed by a township named beside them. */
export function villagesNamed(villages: readonly VillageWithTownship[], address: string | null, village: string | null): VillageWithTownship[] {
  const text = `${village ?? ''} ${address ?? ''}`;
  if (!text.trim()) return [];
  const named = villages.filter((v) => v.validTo === null && (text.includes(v.name) || village === v.code));
  if (named.length <= 1) return named;
  const narrowed = named.filter((v) => text.includes(v.townshipName));
  return narrowed.length ? narrowed : named;
}

export async function matchResidents(db: Db, visits: readonly CheckedVisit[], place: SenderPlace): Promise<{ matches: Map<number, VisitMatch>; outOfArea: OutOfArea[] }> {
  const villages = await villagesWithTownships(db, place.actor);
  const allowed = new Set(villages.map((v) => v.id));
  const matches = new Map<number, VisitMatch>();
  const outOfArea: OutOfArea[] = [];

  const idNumbers = [...new Set(visits.flatMap((v) => (v.idNumber ? [v.idNumber] : [])))];
  const byId = new Map<string, number>();
  if (idNumbers.length) for (const p of await personBasics(db, { idNumbers }).execute()) if (p.id_number) byId.set(p.id_number, p.id);

  const byName = visits.filter((v) => !(v.idNumber && byId.has(v.idNumber)));
  const names = [...new Set(byName.map((v) => v.name))];
  const births = new Set(byName.map((v) => v.birthDate));
  const namesakes = names.length ? (await personBasics(db, { names }).execute()).filter((p) => births.has(p.birth_date)) : [];

  const persons = await personsByIds(db, [...byId.values(), ...namesakes.map((p) => p.id)]);
  for (const visit of visits) {
    const personId = visit.idNumber ? byId.get(visit.idNumber) : undefined;
    const person = personId !== undefined ? persons.get(personId) : undefined;
    if (person) {
      if (allowed.has(person.areaId)) matches.set(visit.index, { personId: person.id, areaId: person.areaId, method: 'id_number' });
      else outOfArea.push({ index: visit.index, personName: person.name, villageName: person.areaName });
      continue;
    }
    const named = villagesNamed(villages, visit.address, visit.village).map((v) => v.id);
    const candidateVillages = new Set(named.length ? named : place.ownVillageId !== null ? [place.ownVillageId] : []);
    const candidates = namesakes.filter((p) => p.name === visit.name && p.birth_date === visit.birthDate && candidateVillages.has(persons.get(p.id)?.areaId ?? -1));
    const only = candidates.length === 1 ? persons.get(candidates[0]!.id) : undefined;
    matches.set(visit.index, only ? { personId: only.id, areaId: only.areaId, method: 'name_birth_village' } : UNMATCHED);
  }
  return { matches, outOfArea };
}
