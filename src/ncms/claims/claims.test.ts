import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { pdfText } from '../../core/pdf/pdf-text.ts';
import { claimsWorld, patients } from '../testing/claim-fixtures.ts';
import type { FixtureMember } from '../testing/enrollment-fixtures.ts';

// Dates in 2026 (the machine's year at writing): settlement refuses future dates, so the scheme year must be past or current.
const YEAR = 2026;
let t: TestApp;
let world: Awaited<ReturnType<typeof claimsWorld>>;
let east: FixtureMember[];
let west: FixtureMember[];

beforeAll(async () => {
  t = await createTestApp();
  world = await claimsWorld(t.handle.db, t.county, [2025, YEAR]);
  east = await patients(t.handle.db, t.county.areas.eastVillage, ['张大山', '李秀英', '张小明', '张小红'], [2025, YEAR]);
  west = await patients(t.handle.db, t.county.areas.westVillage, ['王未参', '王参合'], []);
});
afterAll(() => t.close());

async function call(user: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
  const { cookie } = await t.as(user);
  return t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}
const db = () => t.handle.db;
const count = async (table: 'ncms_claim' | 'ncms_claim_line' | 'audit_log' | 'ncms_year_to_date' | 'ncms_fund_transaction' | 'ncms_claim_request') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => ({
  claims: await count('ncms_claim'),
  lines: await count('ncms_claim_line'),
  audit: await count('audit_log'),
  ytd: await count('ncms_year_to_date'),
  fund: await count('ncms_fund_transaction'),
  requests: await count('ncms_claim_request'),
});
const line = (name: string, category: string, inCatalog: boolean, quantity: number | string, unitPrice: number | string) => ({ name, category, inCatalog, quantity, unitPrice });

const countyInpatient = (personId: number, extra: object = {}) => ({
  personId,
  kind: 'inpatient',
  admittedOn: `${YEAR}-03-01`,
  diagnosis: 'k35.902',
  lines: [line('头孢曲松', 'drug', true, 10, 500), line('CT', 'exam', true, 2, 2000), line('进口吻合器', 'material', false, 1, 1000)],
  ...extra,
});

it('documents every claim route in Chinese', async () => {
  const { paths } = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  for (const path of ['/api/ncms/claims', '/api/ncms/claims/visits', '/api/ncms/claims/{id}/settle', '/api/ncms/claims/{id}/reverse', '/api/ncms/claims/{id}/receipt.pdf', '/api/ncms/claims/year-to-date']) {
    expect(paths, path).toHaveProperty([path]);
  }
  expect(paths['/api/ncms/claims/{id}/settle'].post.summary).toBe('出院结算（即时结报）');
});

describe('admission, cost lines, settlement at discharge, receipt, year to date', () => {
  it('settles the worked example at the county hospital and answers the whole breakdown', async () => {
    const [patient] = east;
    const registered = await call('hospital', 'POST', '/api/ncms/claims', {
      idNumber: patient!.idNumber,
      kind: 'inpatient',
      admittedOn: `${YEAR}-03-01`,
      diagnosis: 'k35.902',
      lines: [line('头孢曲松', 'drug', true, 10, 500), line('床位费', 'bed', true, 7, '50.5')],
    });
    expect(registered.statusCode).toBe(200);
    const claim = registered.json();
    expect(claim).toMatchObject({
      status: 'open',
      statusName: '未结算',
      institutionName: '清河县人民医院',
      level: 'county',
      levelName: '县级',
      personName: '张大山',
      diagnosis: 'K35.902',
      totalFen: 535350,
      outOfCatalogFen: 0,
      settlement: null,
    });
    expect(claim.claimNo).toMatch(/^BX\d{8}$/);
    expect(claim.idNumberMasked).toBe(`${patient!.idNumber.slice(0, 6)}********${patient!.idNumber.slice(-4)}`);

    const bed = claim.lines.find((l: { name: string }) => l.name === '床位费');
    expect(bed).toMatchObject({ category: 'bed', categoryName: '床位', quantity: 7, unitPriceFen: 5050, amountFen: 35350 });
    expect((await call('hospital', 'DELETE', `/api/ncms/claims/${claim.id}/lines/${bed.id}`)).json().totalFen).toBe(500000);
    const withLines = await call('hospital', 'POST', `/api/ncms/claims/${claim.id}/lines`, {
      lines: [line('CT', 'exam', true, 2, 2000), line('进口吻合器', 'material', false, 1, 1000)],
    });
    expect(withLines.json()).toMatchObject({ totalFen: 1000000, outOfCatalogFen: 100000 });

    const settled = await call('hospital', 'POST', `/api/ncms/claims/${claim.id}/settle`, { dischargedOn: `${YEAR}-03-08` });
    expect(settled.statusCode).toBe(200);
    expect(settled.json()).toMatchObject({
      status: 'settled',
      dischargedOn: `${YEAR}-03-08`,
      settlement: {
        year: YEAR,
        schemeId: world.schemes[YEAR],
        schemeVersion: 1,
        eligibleFen: 900000,
        deductibleFen: 40000,
        ratio: 0.75,
        payFen: 645000,
        selfPayFen: 355000,
        capped: null,
        reason: null,
        settledByName: '县医院结算员',
      },
    });
    expect(settled.json().settlement.yearToDate).toContainEqual({ cap: 'annual', name: '年度封顶线（住院与慢病合计）', limitFen: 15000000, beforeFen: 0, afterFen: 645000 });

    const pdf = await call('hospital', 'GET', `/api/ncms/claims/${claim.id}/receipt.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const text = (await pdfText(pdf.rawPayload)).join('\n');
    for (const shown of [claim.claimNo, '清河县人民医院（县级）', '张大山', claim.idNumberMasked, 'K35.902', '6450.00', '3550.00', '400.00', '75%', '目录外（自费）', '1000.00', '县医院结算员']) {
      expect(text).toContain(shown);
    }
    expect(text).not.toContain(patient!.idNumber);

    const ytd = await call('hospital', 'GET', `/api/ncms/claims/year-to-date?personId=${patient!.id}&year=${YEAR}`);
    expect(ytd.json()).toMatchObject({ personName: '张大山', enrolled: true, inpatientFen: 645000, outpatientFen: 0 });
    expect(ytd.json().caps).toContainEqual({ cap: 'annual', name: '年度封顶线（住院与慢病合计）', limitFen: 15000000, usedFen: 645000, remainingFen: 14355000 });

    const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'ncms_claim').where('entity_id', '=', String(claim.id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['register', 'remove_line', 'add_lines', 'settle']);
    const ledger = await db()
      .selectFrom('ncms_fund_transaction as t')
      .innerJoin('ncms_fund_line as l', 'l.transaction_id', 't.id')
      .select(['t.kind', 't.date', 'l.account', 'l.debit_fen', 'l.credit_fen', 'l.institution_id'])
      .where('t.reference_type', '=', 'claim')
      .where('t.reference_id', '=', String(claim.id))
      .orderBy('l.id')
      .execute();
    expect(ledger).toEqual([
      { kind: 'settlement', date: `${YEAR}-03-08`, account: 'compensation_expense', debit_fen: 645000, credit_fen: 0, institution_id: world.institutions.hospital },
      { kind: 'settlement', date: `${YEAR}-03-08`, account: 'payable_institution', debit_fen: 0, credit_fen: 645000, institution_id: world.institutions.hospital },
    ]);

    // Settled: no more lines, no second settlement.
    expect((await call('hospital', 'POST', `/api/ncms/claims/${claim.id}/lines`, { lines: [line('x', 'drug', true, 1, 1)] })).statusCode).toBe(409);
    expect((await call('hospital', 'POST', `/api/ncms/claims/${claim.id}/settle`, {})).json().error.code).toBe('claim_settled');
  });

  it('settles a village clinic visit in one call: per-visit cap, then the outpatient annual cap', async () => {
    const patient = east[1]!;
    const visit = (total: number, day: string) => call('clinic_east', 'POST', '/api/ncms/claims/visits', { personId: patient.id, kind: 'outpatient', admittedOn: `${YEAR}-04-${day}`, total });
    const first = await visit(40, '01');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'settled', kind: 'outpatient', level: 'village', dischargedOn: `${YEAR}-04-01`, totalFen: 4000, settlement: { payFen: 1500, selfPayFen: 2500, capped: 'perVisit', cappedName: '门诊单次封顶', ratio: 0.5 } });
    for (let day = 2; day <= 13; day++) await visit(40, String(day).padStart(2, '0')); // 13 × 15 = 195 元
    const last = await visit(40, '14');
    expect(last.json().settlement).toMatchObject({ payFen: 500, capped: 'outpatientAnnual' });
    expect((await visit(40, '15')).json().settlement).toMatchObject({ payFen: 0, capped: 'outpatientAnnual' });
    const ytd = (await call('clinic_east', 'GET', `/api/ncms/claims/year-to-date?idNumber=${patient.idNumber}&year=${YEAR}`)).json();
    expect(ytd.outpatientFen).toBe(20000);
    expect(ytd.caps).toContainEqual({ cap: 'outpatientAnnual', name: '门诊统筹年度封顶', limitFen: 20000, usedFen: 20000, remainingFen: 0 });
  });

  it('takes a visit as lines too, and splits total and out-of-catalogue into two lines', async () => {
    const patient = east[2]!;
    const res = await call('clinic_east', 'POST', '/api/ncms/claims/visits', { personId: patient.id, kind: 'outpatient', admittedOn: `${YEAR}-05-01`, total: '20.5', outOfCatalog: 10 });
    expect(res.json()).toMatchObject({ totalFen: 2050, outOfCatalogFen: 1000, settlement: { eligibleFen: 1050, payFen: 525 } });
    expect(res.json().lines.map((l: { name: string; amountFen: number }) => [l.name, l.amountFen])).toEqual([
      ['目录内费用', 1050],
      ['目录外费用（自费）', 1000],
    ]);
    const byLines = await call('clinic_east', 'POST', '/api/ncms/claims/visits', { personId: patient.id, kind: 'outpatient', admittedOn: `${YEAR}-05-02`, lines: [line('阿莫西林', 'drug', true, '1.5', '3.33')] });
    expect(byLines.json()).toMatchObject({ totalFen: 500, settlement: { payFen: 250 } }); // 1.5 × 3.33 = 4.995 → 5.00
  });

  it('settles an admission over New Year under the scheme of the discharge year', async () => {
    const patient = east[3]!;
    const res = await call('hospital', 'POST', '/api/ncms/claims', countyInpatient(patient.id, { admittedOn: '2025-12-28' }));
    const settled = await call('hospital', 'POST', `/api/ncms/claims/${res.json().id}/settle`, { dischargedOn: `${YEAR}-01-03` });
    expect(settled.json().settlement).toMatchObject({ year: YEAR, schemeId: world.schemes[YEAR], payFen: 645000 });
    const lastYear = await call('hospital', 'POST', '/api/ncms/claims', countyInpatient(patient.id, { admittedOn: '2025-06-01', dischargedOn: '2025-06-05' }));
    const settledLastYear = await call('hospital', 'POST', `/api/ncms/claims/${lastYear.json().id}/settle`, {});
    expect(settledLastYear.json().settlement).toMatchObject({ year: 2025, schemeId: world.schemes[2025], payFen: 645000 });
  });
});

describe('rejections: stored as rejected with the engine reason code, nothing paid', () => {
  it('answers not_enrolled, level_not_covered and not_chronic_disease with a Chinese message', async () => {
    const before = await counts();
    const cases = [
      { user: 'hospital', body: { personId: east[0]!.id, kind: 'outpatient', admittedOn: `${YEAR}-06-01`, total: 100 }, reason: 'level_not_covered' },
      { user: 'clinic_west', body: { personId: west[0]!.id, kind: 'outpatient', admittedOn: `${YEAR}-06-01`, total: 100 }, reason: 'not_enrolled', message: '该患者本年度未参合，不予报销' },
      { user: 'centre', body: { personId: east[0]!.id, kind: 'chronic', admittedOn: `${YEAR}-06-01`, diagnosis: 'J45', total: 100 }, reason: 'not_chronic_disease' },
    ];
    for (const c of cases) {
      const res = await call(c.user, 'POST', '/api/ncms/claims/visits', c.body);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'rejected', statusName: '不予报销', settlement: { reason: c.reason, payFen: 0, selfPayFen: 10000, ratio: null } });
      expect(res.json().settlement.reasonMessage).toBe(c.message ?? res.json().settlement.reasonMessage);
      expect(res.json().settlement.reasonMessage).toMatch(/[\u4e00-\u9fa5]/);
    }
    const after = await counts();
    expect(after.claims - before.claims).toBe(3);
    expect(after.fund).toBe(before.fund); // nothing posted
    expect(after.ytd).toBe(before.ytd); // a rejection moves no sum (a not-enrolled person gets no row at all)
    const chronic = await call('centre', 'POST', '/api/ncms/claims/visits', { personId: east[0]!.id, kind: 'chronic', admittedOn: `${YEAR}-06-02`, diagnosis: 'I10.x', total: 100 });
    expect(chronic.json()).toMatchObject({ status: 'settled', settlement: { payFen: 8500, ratio: 0.85 } });
  });
});

describe('bad input: a 400 naming the field, nothing written', () => {
  it('refuses each fault and leaves every table as it was', async () => {
    const open = (await call('hospital', 'POST', '/api/ncms/claims', countyInpatient(east[0]!.id, { admittedOn: `${YEAR}-07-01` }))).json();
    const empty = (await call('hospital', 'POST', '/api/ncms/claims', { personId: east[0]!.id, kind: 'inpatient', admittedOn: `${YEAR}-07-01`, diagnosis: 'K35' })).json();
    const before = await counts();
    const visit = (extra: object) => ({ personId: east[0]!.id, kind: 'outpatient', admittedOn: `${YEAR}-07-02`, total: 10, ...extra });
    const cases: Array<[string, string, object, string, string?]> = [
      ['/api/ncms/claims/visits', 'unknown person id', visit({ personId: 987654 }), 'personId', 'unknown_person'],
      ['/api/ncms/claims/visits', 'unknown ID number', visit({ personId: undefined, idNumber: '430702199001011234' }), 'idNumber', 'unknown_person'],
      ['/api/ncms/claims/visits', 'negative total', visit({ total: -5 }), 'total', 'negative_amount'],
      ['/api/ncms/claims/visits', 'out of catalogue above total', visit({ total: 10, outOfCatalog: 12 }), 'outOfCatalog', 'out_of_catalog_exceeds_total'],
      ['/api/ncms/claims/visits', 'total with 3 decimals', visit({ total: '1.005' }), 'total'],
      ['/api/ncms/claims/visits', 'negative unit price', visit({ total: undefined, lines: [line('药', 'drug', true, 1, -3)] }), 'lines.0.unitPrice', 'negative_amount'],
      ['/api/ncms/claims/visits', 'zero quantity', visit({ total: undefined, lines: [line('药', 'drug', true, 0, 3)] }), 'lines.0.quantity', 'invalid_quantity'],
      ['/api/ncms/claims/visits', 'negative quantity', visit({ total: undefined, lines: [line('药', 'drug', true, -1, 3)] }), 'lines.0.quantity', 'invalid_quantity'],
      ['/api/ncms/claims/visits', 'unknown category', visit({ total: undefined, lines: [line('药', 'food', true, 1, 3)] }), 'lines.0.category'],
      ['/api/ncms/claims/visits', 'future date', visit({ admittedOn: '2099-01-01' }), 'admittedOn', 'date_in_future'],
      ['/api/ncms/claims/visits', 'impossible date', visit({ admittedOn: `${YEAR}-02-30` }), 'admittedOn'],
      ['/api/ncms/claims/visits', 'no scheme that year', visit({ admittedOn: '2024-05-05' }), 'dischargedOn', 'no_active_scheme'],
      ['/api/ncms/claims/visits', 'admission as a visit', visit({ kind: 'inpatient', diagnosis: 'K35' }), 'kind', 'not_a_visit'],
      ['/api/ncms/claims/visits', 'not ICD-10', visit({ diagnosis: '阑尾炎' }), 'diagnosis'],
      ['/api/ncms/claims/visits', 'no costs', visit({ total: undefined }), 'total'],
      ['/api/ncms/claims', 'inpatient without diagnosis', { personId: east[0]!.id, kind: 'inpatient', admittedOn: `${YEAR}-07-01` }, 'diagnosis'],
      ['/api/ncms/claims', 'discharge before admission', countyInpatient(east[0]!.id, { admittedOn: `${YEAR}-07-05`, dischargedOn: `${YEAR}-07-01` }), 'dischargedOn', 'discharge_before_admission'],
      [`/api/ncms/claims/${open.id}/settle`, 'settle: discharge before admission', { dischargedOn: `${YEAR}-06-30` }, 'dischargedOn', 'discharge_before_admission'],
      [`/api/ncms/claims/${open.id}/settle`, 'settle: discharge in the future', { dischargedOn: '2099-12-31' }, 'dischargedOn', 'date_in_future'],
      [`/api/ncms/claims/${empty.id}/settle`, 'settle without lines', {}, 'lines', 'no_cost_lines'],
      [`/api/ncms/claims/${open.id}/lines`, 'negative line', { lines: [line('药', 'drug', true, 1, '-0.01')] }, 'lines.0.unitPrice', 'negative_amount'],
    ];
    for (const [url, what, body, field, code] of cases) {
      const res = await call('hospital', 'POST', url, body);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error.field, what).toBe(field);
      if (code) expect(res.json().error.code, what).toBe(code);
      expect(res.json().error.message, what).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('idempotent submissions', () => {
  it('answers a repeated request id with the first result, also when sent at the same moment; other content is 409', async () => {
    const body = { personId: east[2]!.id, kind: 'outpatient', admittedOn: `${YEAR}-08-01`, total: 12, requestId: 'visit-0001-abcdef' };
    const first = await call('clinic_east', 'POST', '/api/ncms/claims/visits', body);
    const before = await counts();
    const again = await call('clinic_east', 'POST', '/api/ncms/claims/visits', body);
    expect(again.json()).toEqual(first.json());
    expect(await counts()).toEqual(before);
    const other = await call('clinic_east', 'POST', '/api/ncms/claims/visits', { ...body, total: 13 });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'request_id_reused', field: 'requestId' });

    const together = { ...body, admittedOn: `${YEAR}-08-02`, requestId: 'visit-0002-abcdef' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('clinic_east', 'POST', '/api/ncms/claims/visits', together)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.json()).toEqual(answers[0]!.json());
    expect(await count('ncms_claim')).toBe(before.claims + 1);

    const open = (await call('hospital', 'POST', '/api/ncms/claims', countyInpatient(east[1]!.id, { admittedOn: `${YEAR}-08-01` }))).json();
    const settle = { dischargedOn: `${YEAR}-08-03`, requestId: 'settle-0001-abcdef' };
    const settles = await Promise.all([1, 2, 3].map(() => call('hospital', 'POST', `/api/ncms/claims/${open.id}/settle`, settle)));
    expect(settles.map((s) => s.statusCode)).toEqual([200, 200, 200]);
    expect(settles[1]!.json()).toEqual(settles[0]!.json());
    // The same key at another institution is another submission's content: refused, not answered with this one.
    expect((await call('tcm', 'POST', `/api/ncms/claims/${open.id}/settle`, settle)).statusCode).toBe(409);
  });
});

describe('reversal (冲销)', () => {
  it('takes the year-to-date sum back, keeps both ledger entries, and cannot be done twice or by the institution', async () => {
    const patient = east[2]!;
    const claim = (await call('hospital', 'POST', '/api/ncms/claims', countyInpatient(patient.id, { admittedOn: `${YEAR}-09-01`, dischargedOn: `${YEAR}-09-04` }))).json();
    await call('hospital', 'POST', `/api/ncms/claims/${claim.id}/settle`, {});
    const ytd = async () => (await call('ncms', 'GET', `/api/ncms/claims/year-to-date?personId=${patient.id}&year=${YEAR}`)).json().inpatientFen;
    expect(await ytd()).toBe(645000);

    expect((await call('hospital', 'POST', `/api/ncms/claims/${claim.id}/reverse`, { reason: '重复结算' })).statusCode).toBe(403);
    const noReason = await call('ncms', 'POST', `/api/ncms/claims/${claim.id}/reverse`, { reason: ' ' });
    expect(noReason.json().error.field).toBe('reason');

    const reversed = await call('ncms', 'POST', `/api/ncms/claims/${claim.id}/reverse`, { reason: '患者身份核实有误，重复结算' });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json()).toMatchObject({
      status: 'reversed',
      statusName: '已冲销',
      settlement: { payFen: 645000 }, // the settled figures stay
      reversal: { reason: '患者身份核实有误，重复结算', payFen: 645000, reversedByName: '合管办经办' },
    });
    expect(await ytd()).toBe(0);
    const ledger = await db()
      .selectFrom('ncms_fund_transaction as t')
      .innerJoin('ncms_fund_line as l', 'l.transaction_id', 't.id')
      .select(['t.kind', 'l.account', 'l.debit_fen', 'l.credit_fen'])
      .where('t.reference_type', '=', 'claim')
      .where('t.reference_id', '=', String(claim.id))
      .orderBy('l.id')
      .execute();
    expect(ledger).toEqual([
      { kind: 'settlement', account: 'compensation_expense', debit_fen: 645000, credit_fen: 0 },
      { kind: 'settlement', account: 'payable_institution', debit_fen: 0, credit_fen: 645000 },
      { kind: 'reversal', account: 'payable_institution', debit_fen: 645000, credit_fen: 0 },
      { kind: 'reversal', account: 'compensation_expense', debit_fen: 0, credit_fen: 645000 },
    ]);
    const twice = await call('ncms', 'POST', `/api/ncms/claims/${claim.id}/reverse`, { reason: '再冲一次' });
    expect(twice.json().error.code).toBe('claim_already_reversed');
    const audit = await db().selectFrom('audit_log').select('action').where('entity', '=', 'ncms_claim').where('entity_id', '=', String(claim.id)).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['register', 'settle', 'reverse']);
    const receipt = await call('ncms', 'GET', `/api/ncms/claims/${claim.id}/receipt.pdf`);
    expect((await pdfText(receipt.rawPayload)).join('\n')).toContain('已冲销：患者身份核实有误，重复结算');

    // A claim of a closed year: the fund runs by year, so its reversal is booked on that year's last day.
    const old = (await call('hospital', 'POST', '/api/ncms/claims', countyInpatient(patient.id, { admittedOn: '2025-10-01', dischargedOn: '2025-10-03' }))).json();
    await call('hospital', 'POST', `/api/ncms/claims/${old.id}/settle`, {});
    expect((await call('ncms', 'POST', `/api/ncms/claims/${old.id}/reverse`, { reason: '年终审核发现重复' })).statusCode).toBe(200);
    const oldLedger = await db().selectFrom('ncms_fund_transaction').select(['kind', 'date', 'year']).where('reference_type', '=', 'claim').where('reference_id', '=', String(old.id)).orderBy('id').execute();
    expect(oldLedger).toEqual([
      { kind: 'settlement', date: '2025-10-03', year: 2025 },
      { kind: 'reversal', date: '2025-12-31', year: 2025 },
    ]);

    const rejected = (await call('hospital', 'POST', '/api/ncms/claims/visits', { personId: west[1]!.id, kind: 'outpatient', admittedOn: `${YEAR}-09-01`, total: 10 })).json();
    expect((await call('ncms', 'POST', `/api/ncms/claims/${rejected.id}/reverse`, { reason: '不予报销单据' })).json().error.code).toBe('claim_not_settled');
  });
});

describe('who sees and does what', () => {
  it('scopes lists and claims by institution; out of view is 404', async () => {
    const claim = (await call('hospital', 'POST', '/api/ncms/claims', countyInpatient(east[3]!.id, { admittedOn: `${YEAR}-10-01` }))).json();
    const centreVisit = (await call('centre', 'POST', '/api/ncms/claims/visits', { personId: east[3]!.id, kind: 'outpatient', admittedOn: `${YEAR}-10-02`, total: 10 })).json();
    expect((await call('tcm', 'GET', `/api/ncms/claims/${claim.id}`)).statusCode).toBe(404);
    expect((await call('tcm', 'GET', `/api/ncms/claims/${claim.id}/receipt.pdf`)).statusCode).toBe(404);
    expect((await call('tcm', 'POST', `/api/ncms/claims/${claim.id}/lines`, { lines: [line('药', 'drug', true, 1, 1)] })).statusCode).toBe(404);
    expect((await call('tcm', 'POST', `/api/ncms/claims/${claim.id}/settle`, {})).statusCode).toBe(404);
    expect((await call('ncms', 'GET', `/api/ncms/claims/${claim.id}`)).statusCode).toBe(200);

    const institutionsSeen = async (user: string) => new Set((await call(user, 'GET', '/api/ncms/claims?pageSize=200')).json().items.map((i: { institutionName: string }) => i.institutionName));
    expect(await institutionsSeen('tcm')).toEqual(new Set());
    expect(await institutionsSeen('hospital')).toEqual(new Set(['清河县人民医院']));
    expect(await institutionsSeen('clinic_east')).toEqual(new Set(['东岭村卫生室']));
    expect(await institutionsSeen('centre')).toEqual(new Set(['东岭镇卫生院', '东岭村卫生室', '西岭村卫生室'])); // not the county hospital's
    expect(await institutionsSeen('clinic_west')).toEqual(new Set(['西岭村卫生室']));
    expect(await institutionsSeen('ncms')).toEqual(new Set(['清河县人民医院', '东岭镇卫生院', '东岭村卫生室', '西岭村卫生室']));
    expect((await call('centre', 'GET', `/api/ncms/claims/${centreVisit.id}`)).statusCode).toBe(200);
    expect((await call('centre', 'GET', `/api/ncms/claims/${claim.id}`)).statusCode).toBe(404);

    const filtered = (await call('ncms', 'GET', `/api/ncms/claims?status=open&institutionId=${world.institutions.hospital}&personId=${east[3]!.id}`)).json();
    expect(filtered.items.map((i: { id: number }) => i.id)).toEqual([claim.id]);
    const month = (await call('ncms', 'GET', `/api/ncms/claims?month=${YEAR}-10`)).json();
    expect(month.items.map((i: { id: number }) => i.id)).toEqual([centreVisit.id]); // the open admission has no discharge date yet
    expect((await call('ncms', 'GET', '/api/ncms/claims?month=2026-13')).json().error.field).toBe('month');
    expect((await call('cdc', 'GET', '/api/ncms/claims')).statusCode).toBe(403);
  });

  it('lets only users of an active designated institution settle', async () => {
    const visit = { personId: east[0]!.id, kind: 'outpatient', admittedOn: `${YEAR}-10-03`, total: 10 };
    expect((await call('nowhere', 'POST', '/api/ncms/claims/visits', visit)).json().error.message).toContain('未关联医疗机构');
    expect((await call('plain', 'POST', '/api/ncms/claims/visits', visit)).json().error.message).toContain('不是新农合定点医疗机构');
    expect((await call('ncms', 'POST', '/api/ncms/claims/visits', visit)).statusCode).toBe(403);
    expect((await call('doctor_east', 'POST', '/api/ncms/claims/visits', visit)).statusCode).toBe(403); // a village doctor without a clinic
    expect((await call('auditor', 'GET', `/api/ncms/claims/year-to-date?personId=${east[0]!.id}&year=${YEAR}`)).statusCode).toBe(200);
  });
});
