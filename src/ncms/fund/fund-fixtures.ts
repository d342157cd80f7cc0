/** Test helpers for the fund ledger: designated institutions and the postings the claims module would make. */
import type { Db } from '../../core/db/connection.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { createInstitution } from '../../core/institutions/institutions.ts';
import type { TinyCounty } from '../../testing/fixtures.ts';
import { postFund } from './ledger.ts';

export const fundActor = systemActor('基金测试');
export const POOL = '430702';

/** 东岭镇卫生院 (township) and 清河县人民医院 (county), both NCMS-designated. */
export async function designatedInstitutions(db: Db, county: TinyCounty): Promise<{ township: number; hospital: number }> {
  const township = await createInstitution(db, fundActor, { code: 'F-TH1', name: '东岭镇卫生院', kind: 'township_hc', level: 'township', areaId: county.areas.town, designations: ['ncms_designated'] });
  const hospital = await createInstitution(db, fundActor, { code: 'F-CH1', name: '清河县人民医院', kind: 'county_hospital', level: 'county', areaId: county.areas.county, designations: ['ncms_designated'] });
  return { township, hospital };
}

/** Government money arrived in the bank directly (财政拨付到账), so payments have funds to come from. */
export function fundTheBank(db: Db, year: number, fen: number, date = `${year}-01-15`): Promise<number> {
  return postFund(db, fundActor, {
    pool: POOL,
    year,
    date,
    kind: 'subsidy',
    reference: { type: 'test', id: 'bank' },
    memo: '县级财政补助到账',
    lines: [
      { account: 'bank', debitFen: fen },
      { account: 'income_government', creditFen: fen, source: 'county' },
    ],
  });
}

/** A claim settled at an institution as the claims module posts it (kind 'reversal' posts the opposite). */
export function postClaim(db: Db, o: { year: number; date: string; institutionId: number; claimId: number; fen: number; claimKind?: string; reverse?: boolean }): Promise<number> {
  const expense = { account: 'compensation_expense' as const, institutionId: o.institutionId, source: o.claimKind ?? 'inpatient' };
  const payable = { account: 'payable_institution' as const, institutionId: o.institutionId };
  return postFund(db, fundActor, {
    pool: POOL,
    year: o.year,
    date: o.date,
    kind: o.reverse ? 'reversal' : 'settlement',
    reference: { type: 'claim', id: o.claimId },
    memo: o.reverse ? `冲销报销单 ${o.claimId}` : `报销单 ${o.claimId} 结算`,
    lines: o.reverse
      ? [{ ...payable, debitFen: o.fen }, { ...expense, creditFen: o.fen }]
      : [{ ...expense, debitFen: o.fen }, { ...payable, creditFen: o.fen }],
  });
}
