import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createUser } from '../../core/auth/users.ts';
import { createArea } from '../../core/areas/areas.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { TEST_PASSWORD } from '../../testing/fixtures.ts';
import { checkFund } from '../fund/fund-check.ts';
import { monthlyStatements } from '../fund/statements.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';

// Claims in March 2026: settlement refuses future dates. Decisions are booked today (or 31 Dec 2026 once it is over).
const YEAR = 2026;
let t: TestApp;
const settled: Record<string, number> = {};

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const db = () => t.handle.db;
const count = async (table: 'ncms_review_item' | 'ncms_review_decision' | 'ncms_fund_transaction' | 'ncms_review_rules') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
// Logins are audited too: a user's first call logs them in, which is not a write of this part.
const audited = async () => Number((await db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '<>', 'login').executeTakeFirstOrThrow()).n);
const counts = async () => ({ items: await count('ncms_review_item'), decisions: await count('ncms_review_decision'), fund: await count('ncms_fund_transaction'), audit: await audited(), rules: await count('ncms_review_rules') });
const line = (name: string, category: string, inCatalog: boolean, quantity: number, unitPrice: number) => ({ name, category, inCatalog, quantity, unitPrice });

async function admission(user: string, personId: number, admittedOn: string, dischargedOn: string, bedDays: number, drugYuan: number) {
  const res = await call(user, 'POST', '/api/ncms/claims', { personId, kind: 'inpatient', admittedOn, diagnosis: 'K35.902', lines: [line('床位费', 'bed', true, bedDays, 50), line('药品', 'drug', true, 1, drugYuan)] });
  expect(res.statusCode, res.body).toBe(200);
  const done = await call(user, 'POST', `/api/ncms/claims/${res.json().id}/settle`, { dischargedOn });
  expect(done.json().status, done.body).toBe('settled');
  return done.json() as { id: number; settlement: { payFen: number } };
}

const RULES = {
  amount: [{ kind: 'inpatient', level: 'county', above: 20000 }],
  sample: { seed: '清河-2026', shares: [{ kind: 'inpatient', share: 0.01 }] },
  stay: { aboveDays: 25 },
  diagnosisCost: { factor: 3, minCases: 5, kinds: ['inpatient'] },
};

beforeAll(async () => {
  t = await createTestApp();
  const { areas } = t.county;
  await claimsWorld(db(), t.county, [YEAR]);
  // A reviewer of the neighbouring county's NCMS office: 清河县's claims are outside their scope.
  const fixture = systemActor('测试夹具');
  const neighbour = await createArea(db(), fixture, { code: '430703000000', name: '邻县', kind: 'county' });
  await createUser(db(), fixture, { username: 'other_clerk', displayName: '邻县合管员', password: TEST_PASSWORD, role: 'ncms_clerk', areaId: neighbour });
  const people = await patients(db(), areas.eastVillage, ['张大山', '李秀英', '张小明', '王五', '赵六'], [YEAR]);
  settled.big = (await admission('hospital', people[0]!.id, `${YEAR}-03-01`, `${YEAR}-03-10`, 9, 30000)).id; // amount
  settled.long = (await admission('hospital', people[1]!.id, `${YEAR}-02-01`, `${YEAR}-03-05`, 32, 3000)).id; // stay (and the hospital's sample)
  settled.small = (await admission('hospital', people[2]!.id, `${YEAR}-03-02`, `${YEAR}-03-06`, 4, 3000)).id;
  settled.centre = (await admission('centre', people[3]!.id, `${YEAR}-03-03`, `${YEAR}-03-07`, 4, 1500)).id; // the centre's sample
  settled.april = (await admission('centre', people[4]!.id, `${YEAR}-04-03`, `${YEAR}-04-07`, 4, 1500)).id;
});
afterAll(() => t.close());

const itemOf = async (claimId: number) => (await db().selectFrom('ncms_review_item').selectAll().where('claim_id', '=', claimId).executeTakeFirstOrThrow());

it('documents every review route in Chinese', async () => {
  const { paths } = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  for (const path of ['/api/ncms/review/rules', '/api/ncms/review/runs', '/api/ncms/review/items', '/api/ncms/review/items/{id}/decide', '/api/ncms/review/items/{id}/correct', '/api/ncms/review/summary']) {
    expect(paths, path).toHaveProperty([path]);
  }
  expect(paths['/api/ncms/review/items/{id}/decide'].post.summary).toBe('审核结论：通过、核减（扣减应付机构款）或拒付');
});

describe('rules', () => {
  it('refuses bad rules with the field named in Chinese, writing nothing', async () => {
    const before = await counts();
    const res = await call('ncms', 'POST', '/api/ncms/review/rules', { pool: '430702', year: YEAR, document: { ...RULES, stay: { aboveDays: 0 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_review_rules', field: 'document.stay.aboveDays', message: '审核规则有误：stay.aboveDays：住院天数至少为 1' });
    expect((await call('auditor', 'POST', '/api/ncms/review/rules', { pool: '430702', year: YEAR, document: RULES })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('saves versions; the newest is in force', async () => {
    expect((await call('ncms', 'POST', '/api/ncms/review/rules', { pool: '430702', year: YEAR, document: { ...RULES, stay: null } })).json().version).toBe(1);
    expect((await call('ncms', 'POST', '/api/ncms/review/rules', { pool: '430702', year: YEAR, document: RULES, note: '加住院天数' })).json().version).toBe(2);
    const read = (await call('auditor', 'GET', `/api/ncms/review/rules?pool=430702&year=${YEAR}`)).json();
    expect(read.inForce).toMatchObject({ version: 2, note: '加住院天数', document: RULES });
    expect(read.versions).toHaveLength(2);
  });
});

describe('selection', () => {
  it('selects March by the rules, with reasons, shared among reviewers in scope', async () => {
    const { userIds } = t.county;
    const res = await call('ncms', 'POST', '/api/ncms/review/runs', { pool: '430702', year: YEAR, month: 3, assignTo: [userIds.ncms!] });
    expect(res.statusCode, res.body).toBe(200);
    // 4 settled claims in March: big (amount), long (stay), one sampled per institution (hospital, centre).
    expect(res.json()).toMatchObject({ considered: 4, rulesVersion: 2, already: 0, unassigned: 0 });
    const picked = new Set((await db().selectFrom('ncms_review_item').select('claim_id').execute()).map((r) => r.claim_id));
    expect(picked.has(settled.big!) && picked.has(settled.long!) && picked.has(settled.centre!)).toBe(true);
    expect(picked.has(settled.april!)).toBe(false);
    expect((await itemOf(settled.big!)).reasons).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'amount' })]));
    expect((await itemOf(settled.long!)).reasons).toEqual(expect.arrayContaining([{ rule: 'stay', message: '住院 32 天，超过 25 天' }]));
  });

  it('never selects a claim twice: a re-run adds nothing', async () => {
    const before = await count('ncms_review_item');
    const res = (await call('ncms', 'POST', '/api/ncms/review/runs', { pool: '430702', year: YEAR, month: 3 })).json();
    expect(res).toMatchObject({ selected: 0, already: before });
    expect(await count('ncms_review_item')).toBe(before);
  });

  it('refuses a month still to come and a user without the right', async () => {
    const next = Number(todayInShanghai().slice(0, 4)) + 1;
    const future = await call('ncms', 'POST', '/api/ncms/review/runs', { pool: '430702', year: next, month: 1 });
    expect(future.json().error).toMatchObject({ field: 'month' });
    expect((await call('township', 'POST', '/api/ncms/review/runs', { pool: '430702', year: YEAR, month: 4 })).statusCode).toBe(403);
  });
});

describe('decisions', () => {
  const decide = async (user: string, claimId: number, body: object, path = 'decide') => call(user, 'POST', `/api/ncms/review/items/${(await itemOf(claimId)).id}/${path}`, body);

  it('shows the reviewer their queue with the claim, its lines and reasons', async () => {
    const queue = (await call('ncms', 'GET', '/api/ncms/review/items?mine=true&status=open')).json();
    expect(queue.total).toBe(await count('ncms_review_item'));
    const item = (await call('ncms', 'GET', `/api/ncms/review/items/${(await itemOf(settled.big!)).id}`)).json();
    expect(item).toMatchObject({ status: 'open', statusName: '待审核', claim: { id: settled.big, lines: expect.any(Array) } });
    expect(item.claim.lines).toHaveLength(2);
  });

  it('refuses reviewers out of scope and users without the right; bad input writes nothing', async () => {
    const before = await counts();
    expect((await decide('other_clerk', settled.big!, { decision: 'approved' })).statusCode).toBe(404);
    expect((await call('other_clerk', 'GET', '/api/ncms/review/items')).json().total).toBe(0);
    const other = (await db().selectFrom('app_user').select('id').where('username', '=', 'other_clerk').executeTakeFirstOrThrow()).id;
    const handOver = await call('ncms', 'POST', '/api/ncms/review/items/assign', { itemIds: [(await itemOf(settled.big!)).id], userId: other });
    expect(handOver.json().error).toMatchObject({ code: 'out_of_reviewer_scope', field: 'userId' });
    expect((await decide('auditor', settled.big!, { decision: 'approved' })).statusCode).toBe(403);
    const tooHigh = await decide('ncms', settled.big!, { decision: 'adjusted', pay: 999999, reason: '超标准收费' });
    expect(tooHigh.json().error).toMatchObject({ field: 'pay', message: expect.stringContaining('核减后金额应低于原结算支付') });
    const noReason = await decide('ncms', settled.big!, { decision: 'rejected' });
    expect(noReason.json().error).toMatchObject({ field: 'reason', message: expect.stringContaining('请填写拒付理由') });
    // Assigned to the office clerk: the administrator may not decide it in their place.
    expect((await decide('admin', settled.big!, { decision: 'approved' })).json().error.code).toBe('assigned_to_other');
    expect(await counts()).toEqual(before);
  });

  it('adjust and reject deduct from what the fund owes the institution; the statement shows it; the fund check stays clean', async () => {
    const big = await itemOf(settled.big!);
    const long = await itemOf(settled.long!);
    const adjusted = await decide('ncms', settled.big!, { decision: 'adjusted', pay: '1000.50', reason: '目录外药品按目录内结算' });
    expect(adjusted.json()).toMatchObject({ status: 'adjusted', payFen: 100_050, deductedFen: big.settled_pay_fen - 100_050 });
    expect((await decide('ncms', settled.long!, { decision: 'rejected', reason: '挂床住院' })).json()).toMatchObject({ status: 'rejected', payFen: 0, deductedFen: long.settled_pay_fen });
    const deducted = big.settled_pay_fen - 100_050 + long.settled_pay_fen;

    const booked = (await db().selectFrom('ncms_review_decision').select('booked_on').where('item_id', '=', big.id).executeTakeFirstOrThrow()).booked_on;
    const month = Number(booked.slice(5, 7));
    const statements = await monthlyStatements(db(), systemActor(), { year: YEAR, month });
    const hospital = statements.find((s) => s.institutionName === '清河县人民医院')!;
    expect(hospital.deductedFen).toBe(deducted);
    expect(hospital.closingFen).toBe(hospital.openingFen + hospital.settledFen - hospital.reversedFen - hospital.paidFen - hospital.deductedFen + hospital.adjustedFen);
    const check = await checkFund(db(), { year: YEAR });
    expect(check.problems).toEqual([]);

    // A decided claim is not decided again; a correction says why and posts only the difference.
    expect((await decide('ncms', settled.big!, { decision: 'approved' })).json().error.code).toBe('already_decided');
    const corrected = await decide('ncms', settled.big!, { decision: 'approved', reason: '复核后票据齐全' }, 'correct');
    expect(corrected.json()).toMatchObject({ status: 'approved', deductedFen: 0, decisions: [{ decision: 'adjusted' }, { decision: 'approved', postedFen: -(big.settled_pay_fen - 100_050) }] });
    const after = (await monthlyStatements(db(), systemActor(), { year: YEAR, month })).find((s) => s.institutionName === '清河县人民医院')!;
    expect(after.deductedFen).toBe(long.settled_pay_fen);
    expect((await checkFund(db(), { year: YEAR })).ok).toBe(true);

    const summary = (await call('auditor', 'GET', `/api/ncms/review/summary?year=${YEAR}&month=3`)).json();
    expect(summary.find((s: { institutionName: string }) => s.institutionName === '清河县人民医院')).toMatchObject({ approved: 1, adjusted: 0, rejected: 1, deductedFen: long.settled_pay_fen });
    // Reversing the rejected claim takes nothing more from the hospital: review already took its whole pay.
    const owedBefore = after.owedNowFen;
    expect((await call('ncms', 'POST', `/api/ncms/claims/${settled.long}/reverse`, { reason: '重复结算' })).statusCode).toBe(200);
    expect((await monthlyStatements(db(), systemActor(), { year: YEAR, month })).find((s) => s.institutionName === '清河县人民医院')!.owedNowFen).toBe(owedBefore);
    expect((await decide('ncms', settled.long!, { decision: 'approved', reason: '复核' }, 'correct')).json().error.code).toBe('claim_reversed');
    expect((await checkFund(db(), { year: YEAR })).ok).toBe(true);

    const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'ncms_review_item').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['decide', 'decide', 'correct']);
  });
});
