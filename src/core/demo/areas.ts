import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { createArea } from '../areas/areas.ts';
import { COUNTY, placeCode, placesOf, TOWNSHIPS, townshipCode, type TownshipPlan } from './county-plan.ts';

export interface Place {
  id: number;
  code: string;
  name: string;
  urban: boolean;
  hasClinic: boolean;
  township: Township;
}

export interface Township {
  id: number;
  code: string;
  name: string;
  plan: TownshipPlan;
  places: Place[];
}

export interface CountyAreas {
  countyId: number;
  townships: Township[];
  places: Place[];
}

/** Creates the county, its townships and their villages and communities through the area service. */
export async function createCountyAreas(trx: Db, actor: Actor): Promise<CountyAreas> {
  const countyId = await createArea(trx, actor, { code: COUNTY.code, name: COUNTY.name, kind: 'county' });
  const townships: Township[] = [];
  for (const plan of TOWNSHIPS) {
    const code = townshipCode(plan);
    const id = await createArea(trx, actor, { code, name: plan.name, kind: plan.kind, parentId: countyId });
    const township: Township = { id, code, name: plan.name, plan, places: [] };
    const urban = plan.kind === 'street';
    for (const [index, place] of placesOf(plan).entries()) {
      const placeCodeValue = placeCode(plan, index);
      const placeId = await createArea(trx, actor, { code: placeCodeValue, name: place.name, kind: urban ? 'community' : 'village', parentId: id });
      township.places.push({ id: placeId, code: placeCodeValue, name: place.name, urban, hasClinic: place.hasClinic, township });
    }
    townships.push(township);
  }
  return { countyId, townships, places: townships.flatMap((t) => t.places) };
}
