import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';
import type { FixtureMember } from '../testing/enrollment-fixtures.ts';

// NCMS visits on the resident health record: in the timeline for those who may read claims, and counted as services.

const YEAR = Number(todayInShanghai().slice(0, 4));
let t: TestApp;
let patient: FixtureMember;

beforeAll(async () => {
  t = await createTestApp();
  await claimsWorld(t.handle.db, t.county, [YEAR]);
  patient = (await patients(t.handle.db, t.county.areas.eastVillage, ['就诊人'], [YEAR]))[0]!;
  const { cookie } = await t.as('clinic_east');
  for (const payload of [
    { personId: patient!.id, kind: 'outpatient', admittedOn: `${YEAR}-01-05`, total: 40, diagnosis: 'J06.9' },
    { personId: patient!.id, kind: 'outpatient', admittedOn: `${YEAR}-01-06`, total: 30 },
  ]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/ncms/claims/visits', headers: { cookie }, payload });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  const created = await t.app.inject({ method: 'POST', url: `/api/records/persons/${patient!.id}`, headers: { cookie }, payload: { createdOn: `${YEAR}-01-02` } });
  if (created.statusCode !== 200) throw new Error(created.body);
});
afterAll(() => t.close());

async function get(username: string, url: string) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'GET', url: `/api${url}`, headers: { cookie } });
}

describe('NCMS claims on the health record timeline', () => {
  it('shows each visit to a user who may read the claims', async () => {
    const res = (await get('clinic_east', `/records/persons/${patient.id}/timeline?modules=ncms`)).json();
    expect(res.items.map((e: { date: string; title: string; institutionName: string; service: boolean }) => [e.date, e.title, e.institutionName, e.service])).toEqual([
      [`${YEAR}-01-06`, '普通门诊（门诊统筹）', '东岭村卫生室', true],
      [`${YEAR}-01-05`, '普通门诊（门诊统筹）：J06.9', '东岭村卫生室', true],
    ]);
    expect(res.items[1].detail).toMatch(/^已结算；总费用 40\.00 元，新农合支付 15\.00 元；报销单号 /);
    expect(res.warnings).toEqual([]);
  });

  it('shows none, without a warning, to a user who may not read claims; the use rate counts the visits for everyone', async () => {
    const cdc = (await get('cdc', `/records/persons/${patient.id}/timeline?modules=ncms`)).json();
    expect(cdc).toMatchObject({ items: [], warnings: [] });
    for (const user of ['cdc', 'township']) {
      const rates = (await get(user, `/records/indicators?from=${YEAR}-01-01&to=${YEAR}-12-31&areaId=${t.county.areas.eastVillage}`)).json();
      expect(rates.total.counts, user).toMatchObject({ records: 1, dynamic: 1 });
    }
  });
});
