/**
 * Caps under concurrency: settlements for one person fired at the same moment. On PostgreSQL (JICENG_TEST_DATABASE_URL)
 * each request runs its transaction on its own pooled connection, so they truly overlap and only the year-to-date row
 * lock keeps the annual cap; on PGlite they run one after another and the result must be the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';

const YEAR = 2026;
const CAP = 15_000_000; // the example scheme's annual cap: 150 000 元
let t: TestApp;
let people: Array<{ id: number }>;

beforeAll(async () => {
  t = await createTestApp();
  await claimsWorld(t.handle.db, t.county, [YEAR]);
  people = await patients(t.handle.db, t.county.areas.eastVillage, ['并发甲', '顺序乙'], [YEAR]);
});
afterAll(() => t.close());

async function admit(cookie: string, personId: number, totalYuan: number, day: string): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/ncms/claims',
    headers: { cookie },
    payload: { personId, kind: 'inpatient', admittedOn: `${YEAR}-02-${day}`, dischargedOn: `${YEAR}-02-${day}`, diagnosis: 'K35', lines: [{ name: '住院费用', category: 'treatment', inCatalog: true, quantity: 1, unitPrice: totalYuan }] },
  });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().id;
}
const settle = (cookie: string, id: number) => t.app.inject({ method: 'POST', url: `/api/ncms/claims/${id}/settle`, headers: { cookie }, payload: {} });

it('never pays past the annual cap when ten settlements for one person run at once, and pays what one-by-one settling pays', async () => {
  const { cookie } = await t.as('hospital');
  const paid: Record<number, number[]> = {};
  for (const [i, person] of people.entries()) {
    // A first admission takes the person to 300 元 below the cap: (200 000 − 400) × 0.75 = 149 700 元.
    const big = await settle(cookie, await admit(cookie, person.id, 200_000, '01'));
    expect(big.json().settlement.payFen).toBe(14_970_000);
    // Ten more admissions of 2 400 元 each would pay 1 500 元 each without the cap.
    const ids = [];
    for (let k = 0; k < 10; k++) ids.push(await admit(cookie, person.id, 2_400, String(k + 10)));
    const answers = i === 0 ? await Promise.all(ids.map((id) => settle(cookie, id))) : [];
    if (i === 1) for (const id of ids) answers.push(await settle(cookie, id));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    paid[person.id] = answers.map((a) => a.json().settlement.payFen);
  }
  const [together, oneByOne] = people.map((p) => paid[p.id]!);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(together!)).toBe(30_000);
  expect(sum(together!)).toBe(sum(oneByOne!));
  expect(oneByOne).toEqual([30_000, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  expect([...together!].sort((a, b) => b - a)).toEqual(oneByOne);

  const rows = await t.handle.db.selectFrom('ncms_year_to_date').select(['person_id', 'inpatient_fen']).where('year', '=', YEAR).orderBy('person_id').execute();
  expect(rows.map((r) => r.inpatient_fen)).toEqual([CAP, CAP]);
  const claims = await t.handle.db
    .selectFrom('ncms_claim')
    .select(['person_id', (eb) => eb.fn.sum<number>('pay_fen').as('paid')])
    .groupBy('person_id')
    .orderBy('person_id')
    .execute();
  expect(claims.map((c) => Number(c.paid))).toEqual([CAP, CAP]);
  const ledger = await t.handle.db
    .selectFrom('ncms_fund_line')
    .select((eb) => eb.fn.sum<number>('debit_fen').as('expense'))
    .where('account', '=', 'compensation_expense')
    .executeTakeFirstOrThrow();
  expect(Number(ledger.expense)).toBe(2 * CAP);
});
