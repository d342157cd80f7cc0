import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { activeExampleScheme, addHousehold, freshId } from '../testing/enrollment-fixtures.ts';
import { XLSX_TYPE } from './roster-columns.ts';
import type { Db } from '../../core/db/connection.ts';
import { actorForUser } from '../../core/auth/sessions.ts';
import { checkFund } from '../fund/fund-check.ts';
import { enrollHousehold } from './enrollment.ts';
import { importRoster } from './roster-import.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await activeExampleScheme(t.handle.db, 2025);
});
afterAll(() => t.close());

const HEADERS = ['户编号', '户主姓名', '姓名', '身份证号', '与户主关系', '参合类别', '缴费金额', '收据号'];
type RosterLine = [string, string, string, string, string, string, string | number, string];

/** A roster workbook as a village would fill it in: IDs as text. */
async function roster(lines: RosterLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  sheet.addRow(HEADERS);
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(username: string, file: Buffer, year = 2025, type = XLSX_TYPE) {
  const { cookie } = await t.as(username);
  return t.app.inject({ method: 'POST', url: `/api/ncms/enrollments/import?year=${year}`, headers: { cookie, 'content-type': type }, payload: file });
}
const count = async () => (await t.handle.db.selectFrom('ncms_enrollment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const east = () => t.county.areas.eastVillage;

describe('roster import (花名册)', () => {
  it('enrolls a whole good file in one go, household by household', async () => {
    const h1 = await addHousehold(t.handle.db, east(), ['刘大', '刘二']);
    const h2 = await addHousehold(t.handle.db, east(), ['关羽']);
    const [liu1, liu2] = h1.members;
    const [guan] = h2.members;
    const file = await roster([
      [h1.householdNo, '刘大', '刘大', liu1!.idNumber, '户主', '自缴', 400, 'R-001'],
      [h1.householdNo, '刘大', '刘二', liu2!.idNumber.toLowerCase(), '其他', '五保', '', 'R-001'],
      ['', '', '关羽', guan!.idNumber, '户主', '计生户', '0', ''],
    ]);
    const before = await count();
    const res = await upload('doctor_east', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ year: 2025, rows: 3, households: 2, enrollments: 3 });
    expect(await count()).toBe(before + 3);
    const rows = await t.handle.db.selectFrom('ncms_enrollment').select(['person_id', 'category', 'amount_fen', 'payer', 'receipt_no']).where('household_id', 'in', [h1.id, h2.id]).orderBy('id').execute();
    expect(rows).toEqual([
      { person_id: liu1!.id, category: 'self_paid', amount_fen: 40000, payer: 'individual', receipt_no: 'R-001' },
      { person_id: liu2!.id, category: 'wubao', amount_fen: 40000, payer: 'government', receipt_no: 'R-001' },
      { person_id: guan!.id, category: 'family_planning', amount_fen: 40000, payer: 'government', receipt_no: null },
    ]);
    const audit = await t.handle.db.selectFrom('audit_log').select('after').where('entity', '=', 'ncms_enrollment').where('action', '=', 'import').execute();
    expect(audit).toEqual([{ after: { year: 2025, rows: 3, households: 2, enrollments: 3 } }]);
  });

  it('writes nothing when rows are bad and lists every bad row with its row number, column and message', async () => {
    const h = await addHousehold(t.handle.db, east(), ['张飞', '张苞', '张绍', '张遵']);
    const [fei, bao, shao, zun] = h.members;
    const badChecksum = zun!.idNumber.slice(0, 17) + (zun!.idNumber[17] === '0' ? '1' : '0');
    const file = await roster([
      [h.householdNo, '张飞', '张飞', fei!.idNumber, '户主', '自缴', 400, 'R-9'], // row 2: good
      [h.householdNo, '张飞', '张苞', bao!.idNumber, '子', '贫困户', 400, 'R-9'], // row 3: unknown category
      [h.householdNo, '张飞', '张遵', badChecksum, '孙子女', '自缴', 400, 'R-9'], // row 4: wrong check character
      [h.householdNo, '张飞', '张绍', shao!.idNumber, '子', '自缴', 400, 'R-9'], // row 5: good
      [h.householdNo, '张飞', '张飞', fei!.idNumber, '户主', '低保', 0, 'R-9'], // row 6: same person as row 2
    ]);
    const before = await count();
    const auditBefore = (await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
    const res = await upload('doctor_east', file);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('roster_invalid');
    expect(error.message).toBe('花名册有 3 行有误，未导入任何数据。第 3 行「参合类别」：参合类别「贫困户」无效，应为：自缴、五保、低保、特困、计生户、其他资金');
    expect(error.details.rows).toEqual([
      { row: 3, column: '参合类别', message: '参合类别「贫困户」无效，应为：自缴、五保、低保、特困、计生户、其他资金' },
      { row: 4, column: '身份证号', message: expect.stringContaining('校验位错误') },
      { row: 6, column: '身份证号', message: `身份证号 ${fei!.idNumber} 与第 2 行重复，同一人只能出现一次` },
    ]);
    expect(await count()).toBe(before);
    expect((await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(auditBefore);
  });

  it('names persons already enrolled, outside the scope, with another name, a wrong amount or an ID stored as a number', async () => {
    const h = await addHousehold(t.handle.db, east(), ['黄忠', '黄叙']);
    const [zhong, xu] = h.members;
    const w = await addHousehold(t.handle.db, t.county.areas.westVillage, ['马超']);
    expect((await upload('doctor_east', await roster([['', '', '黄忠', zhong!.idNumber, '户主', '低保', 0, '']]))).statusCode).toBe(200);
    const before = await count();
    const file = await roster([
      ['', '', '黄忠', zhong!.idNumber, '户主', '自缴', 400, ''], // row 2: already enrolled as 低保
      ['', '', '马超', w.members[0]!.idNumber, '户主', '自缴', 400, ''], // row 3: another village
      ['', '', '黄叔', xu!.idNumber, '子', '自缴', 300, ''], // row 4: wrong name and amount
      ['', '', '无名', freshId('1990-01-01'), '户主', '自缴', 400, ''], // row 5: nobody has this ID
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
    workbook.worksheets[0]!.addRow(['', '', '赵云', 430702199001011234, '户主', '自缴', 400, '']); // row 6: a number
    const res = await upload('doctor_east', Buffer.from(await workbook.xlsx.writeBuffer()), 2025, 'application/octet-stream');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.rows).toEqual([
      { row: 2, column: '身份证号', message: '「黄忠」该居民已以低保身份参合，不能重复以自缴身份参合' },
      { row: 3, column: '身份证号', message: `在您的管辖范围内未找到身份证号为 ${w.members[0]!.idNumber} 的人员，请先在人口信息中登记` },
      { row: 4, column: '姓名', message: '姓名「黄叔」与人口信息中该身份证号的姓名「黄叙」不一致' },
      { row: 4, column: '缴费金额', message: '缴费金额 300 元与 2025 年度个人缴费标准不符：自缴应填 400.00 元' },
      { row: 5, column: '身份证号', message: expect.stringContaining('未找到身份证号') },
      { row: 6, column: '身份证号', message: expect.stringContaining('被 Excel 存成了数字') },
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a file without the required columns or that is not a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['姓名', '备注']);
    const missing = await upload('doctor_east', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(missing.json().error).toMatchObject({ code: 'missing_columns', message: '花名册第 1 行缺少栏目「身份证号」、「参合类别」，请使用下载的模板' });
    const junk = await upload('doctor_east', Buffer.from('not a workbook'));
    expect(junk.json().error.code).toBe('unreadable_file');
    // Above the server's 1 MB default: this route alone takes files up to 20 MB.
    const large = await upload('doctor_east', Buffer.alloc(3 * 1024 * 1024, 7));
    expect(large.json().error.code).toBe('unreadable_file');
    const tooLarge = await upload('doctor_east', Buffer.alloc(21 * 1024 * 1024, 7));
    expect(tooLarge.statusCode).toBe(413);
  });

  it('offers a template whose headers the import reads', async () => {
    const { cookie } = await t.as('doctor_east');
    const res = await t.app.inject({ method: 'GET', url: '/api/ncms/enrollments/template.xlsx', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect((workbook.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    expect(workbook.worksheets[1]!.name).toBe('填写说明');
  });
});

/** What enrolling wrote, ids replaced by their order (the sequences do not roll back): enrollments, postings, balances, monthly totals. */
async function written(db: Db, personIds: number[]) {
  const rows = await db.selectFrom('ncms_enrollment').selectAll().where('person_id', 'in', personIds).orderBy('id').execute();
  const rank = new Map(rows.map((r, i) => [String(r.id), i]));
  const enrollments = rows.map(({ id, created_at: _c, ...r }) => ({ ...r, n: rank.get(String(id)) }));
  const tx = await db.selectFrom('ncms_fund_transaction').selectAll().where('reference_type', '=', 'enrollment').where('reference_id', 'in', [...rank.keys()]).orderBy('id').execute();
  const postings = [];
  for (const { id, created_at: _c, reference_id, ...t } of tx) {
    const lines = await db.selectFrom('ncms_fund_line').select(['account', 'debit_fen', 'credit_fen', 'institution_id', 'source']).where('transaction_id', '=', id).orderBy('id').execute();
    postings.push({ ...t, reference: rank.get(reference_id), lines });
  }
  const balances = await db.selectFrom('ncms_fund_balance').select(['pool', 'year', 'account', 'institution_id', 'source', 'debit_fen', 'credit_fen']).orderBy(['account', 'source']).execute();
  const months = await db.selectFrom('ncms_fund_month').select(['pool', 'year', 'month', 'account', 'institution_id', 'source', 'kind', 'debit_fen', 'credit_fen', 'lines']).orderBy(['month', 'account', 'source', 'kind']).execute();
  return { enrollments, postings, balances, months };
}

class RolledBack extends Error {}
/** Runs `work` in a transaction, reads what it wrote, and rolls it back. */
async function tryOut(work: (trx: Db) => Promise<unknown>, personIds: number[]) {
  let seen: Awaited<ReturnType<typeof written>> | undefined;
  await t.handle.db
    .transaction()
    .execute(async (trx) => {
      await work(trx);
      seen = await written(trx, personIds);
      throw new RolledBack();
    })
    .catch((e) => {
      if (!(e instanceof RolledBack)) throw e;
    });
  return seen!;
}

describe('roster import, set-based', () => {
  it('writes exactly the rows and postings that enrolling household by household writes, and the fund check stays clean', async () => {
    const h1 = await addHousehold(t.handle.db, east(), ['孙坚', '孙策', '孙权']);
    const h2 = await addHousehold(t.handle.db, east(), ['周瑜']);
    const h3 = await addHousehold(t.handle.db, east(), ['鲁肃', '鲁淑']);
    const lines: RosterLine[] = [
      [h1.householdNo, '孙坚', '孙坚', h1.members[0]!.idNumber, '户主', '自缴', 400, 'S-1'],
      ['', '', '周瑜', h2.members[0]!.idNumber, '户主', '特困', 0, ''],
      [h1.householdNo, '孙坚', '孙权', h1.members[2]!.idNumber, '子', '低保', '', 'S-1'],
      ['', '', '鲁淑', h3.members[1]!.idNumber, '其他', '其他资金', 400, 'S-3'],
      [h1.householdNo, '孙坚', '孙策', h1.members[1]!.idNumber, '子', '计生户', 400, 'S-2'],
      ['', '', '鲁肃', h3.members[0]!.idNumber, '户主', '自缴', 400, 'S-3'],
    ];
    const code = { 自缴: 'self_paid', 特困: 'tekun', 低保: 'dibao', 其他资金: 'other_fund', 计生户: 'family_planning' } as Record<string, string>;
    const personOf = new Map([...h1.members, ...h2.members, ...h3.members].map((m) => [m.idNumber, m.id]));
    const personIds = [...personOf.values()];
    const actor = (await actorForUser(t.handle.db, t.county.userIds.doctor_east!))!;

    // Household by household, in the order the file first names them, members in file order.
    const oneByOne = await tryOut(async (trx) => {
      for (const h of [h1, h2, h3]) {
        const members = lines
          .filter((l) => h.members.some((m) => m.idNumber === l[3]))
          .map((l) => ({ personId: personOf.get(l[3])!, category: code[l[5]]!, receiptNo: l[7] || null }));
        await enrollHousehold(trx, actor, { householdId: h.id, year: 2025, members });
      }
    }, personIds);
    const file = await roster(lines);
    const batch = await tryOut((trx) => importRoster(trx, actor, 2025, file), personIds);
    expect(batch.enrollments).toHaveLength(6);
    expect(batch.postings).toHaveLength(3);
    expect(batch).toEqual(oneByOne);

    expect(await importRoster(t.handle.db, actor, 2025, file)).toEqual({ year: 2025, rows: 6, households: 3, enrollments: 6 });
    const check = await checkFund(t.handle.db, { year: 2025 });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });
});
