/**
 * A small year of claims for the simulation's tests, made through the claims services under the example scheme
 * (2025, and 2026 active without claims): outpatient visits up to the caps, a county admission, a township admission
 * above the annual cap, chronic visits, a county outpatient visit the scheme does not cover, a reversed admission
 * and a visit of a person not enrolled (both left out of a replay).
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import type { TinyCounty } from '../../testing/fixtures.ts';
import { registerClaim } from '../claims/claims.ts';
import { reverseClaim } from '../claims/reverse.ts';
import { settleAtDischarge, settleVisit } from '../claims/settle.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';
import { exampleSchemeDocument } from '../testing/example-scheme.ts';

export const SIMULATED_YEAR = 2025;

const clerkAt = (institutionId: number, role: Actor['role'] = 'institution_clerk'): Actor => ({ userId: null, name: '测试结算员', role, scope: { areaId: null, path: '/' }, institutionId });
const manager: Actor = { userId: null, name: '合管办测试', role: 'ncms_clerk', scope: { areaId: null, path: '/' }, institutionId: null };

/** The example scheme made more generous: higher ratios and per-visit caps, the same annual caps. */
export const generousSchemeDocument = () => {
  const d = exampleSchemeDocument();
  return {
    ...d,
    year: 2026,
    financing: { individual: 420, government: 760 },
    inpatient: { ...d.inpatient, township: { deductible: 100, ratio: 0.9 }, county: { deductible: 300, ratio: 0.85 } },
    outpatient: { village: { ratio: 0.8, perVisitCap: 60 }, township: { ratio: 0.8, perVisitCap: 60 }, annualCap: 200 },
  };
};

export async function simulationYear(db: Db, county: TinyCounty) {
  const { institutions } = await claimsWorld(db, county, [SIMULATED_YEAR, SIMULATED_YEAR + 1]);
  const [p1, p2, p3, p4] = await patients(db, county.areas.eastVillage, ['赵一', '钱二', '孙三', '李四'], [SIMULATED_YEAR]);
  const [outsider] = await patients(db, county.areas.westVillage, ['周未参'], []);
  const clinic = clerkAt(institutions.clinicEast, 'village_doctor');
  const hospital = clerkAt(institutions.hospital);
  const centre = clerkAt(institutions.centre, 'township_staff');
  const day = (month: number, d: number) => `${SIMULATED_YEAR}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const visit = (actor: Actor, personId: number, on: string, total: number, kind: 'outpatient' | 'chronic' = 'outpatient', diagnosis?: string) =>
    settleVisit(db, actor, { personId, kind, admittedOn: on, total, ...(diagnosis ? { diagnosis } : {}) });
  const admission = async (actor: Actor, personId: number, from: string, to: string, total: number, outOfCatalog: number) => {
    const claim = await registerClaim(db, actor, {
      personId,
      kind: 'inpatient',
      admittedOn: from,
      diagnosis: 'K35.9',
      lines: [
        { name: '药品', category: 'drug', inCatalog: true, quantity: 1, unitPrice: total - outOfCatalog },
        ...(outOfCatalog > 0 ? [{ name: '自费材料', category: 'material' as const, inCatalog: false, quantity: 1, unitPrice: outOfCatalog }] : []),
      ],
    });
    return settleAtDischarge(db, actor, claim.id, { dischargedOn: to });
  };

  for (let d = 1; d <= 7; d++) await visit(centre, p1!.id, day(3, d), 70); // 6 × 30 + 20: the outpatient annual cap
  for (let d = 1; d <= 4; d++) await visit(clinic, p4!.id, day(4, d), 70); // 4 × 15 = 60: under it
  await admission(hospital, p2!.id, day(5, 1), day(5, 8), 10_000, 1_000); // the worked example: 6 450
  const reversed = await admission(hospital, p2!.id, day(6, 1), day(6, 5), 5_000, 0);
  await reverseClaim(db, manager, reversed.id, { reason: '重复结算，冲销' });
  await visit(hospital, p2!.id, day(7, 1), 120); // outpatient at the county hospital: not covered
  await admission(centre, p3!.id, day(8, 1), day(8, 20), 200_000, 0); // (200 000 − 100) × 0.85 > 150 000: annual cap
  for (const m of [9, 10]) await visit(centre, p4!.id, day(m, 3), 300, 'chronic', 'I10');
  await visit(clerkAt(institutions.clinicWest, 'village_doctor'), outsider!.id, day(9, 9), 50); // not enrolled
  return { institutions, persons: { p1: p1!, p2: p2!, p3: p3!, p4: p4!, outsider: outsider! } };
}
