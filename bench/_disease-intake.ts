/**
 * Visit intake rates on the demo county (matching against its 530 000 residents): the real server listening on a
 * local port in this process, a county hospital's information system posting batches of 500 visits over HTTP with its
 * API key (mostly with ID numbers, a tenth by name + birth date + village), then a resend of one batch (every visit
 * recognised, nothing written); and a township centre's clerk uploading its outpatient log as CSV and as .xlsx
 * (5 000 rows each) through the import route. Rows are [measurement, result, target, verdict].
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { DbHandle } from '../src/core/db/connection.ts';
import { systemActor } from '../src/core/auth/actor.ts';
import { createUser } from '../src/core/auth/users.ts';
import { buildApp } from '../src/server/app.ts';
import { SESSION_COOKIE } from '../src/server/auth.ts';
import { issueApiKey } from '../src/publichealth/disease/intake/api-keys.ts';
import { VISIT_FILE_COLUMNS } from '../src/publichealth/disease/intake/visit-file.ts';
import type { VisitInput } from '../src/publichealth/disease/intake/visit-input.ts';

const API_BATCHES = 20;
const BATCH = 500;
const FILE_ROWS = 5_000;
const CODES = ['J06.9', 'I10', 'K29.7', 'J20.9', 'E11.9', 'M54.5', 'B08.4', 'J11.1', 'A09.0', 'B26.9'];
const PASSWORD = 'bench-Pass1234';

interface Resident {
  name: string;
  id_number: string;
  birth_date: string;
  place: string;
}

const rate = (count: number, ms: number) => `${Math.round((count / ms) * 1000).toLocaleString('en')} 条/秒`;

export async function benchVisitIntake(handle: DbHandle): Promise<string[][]> {
  const db = handle.db;
  const institutions = await db.selectFrom('institution').select(['id', 'kind', 'area_id', 'name']).where('kind', 'in', ['county_hospital', 'township_hc']).orderBy('id').execute();
  const hospital = institutions.find((i) => i.kind === 'county_hospital')!;
  const centre = institutions.find((i) => i.kind === 'township_hc')!;
  const { rows: residents } = await sql<Resident>`
    select p.name, p.id_number, p.birth_date, t.name || v.name as place from person p
    join area v on v.id = p.area_id join area t on t.id = v.parent_id
    where p.id_number is not null and p.status = 'alive' and p.id % 13 = 0 order by p.id limit ${API_BATCHES * BATCH}`.execute(db);
  const { rows: townsfolk } = await sql<Resident>`
    select p.name, p.id_number, p.birth_date, t.name || v.name as place from person p
    join area v on v.id = p.area_id join area t on t.id = v.parent_id
    where t.id = ${centre.area_id} and p.id_number is not null and p.status = 'alive' order by p.id limit ${FILE_ROWS}`.execute(db);

  const admin = systemActor('基准测试');
  const { key } = await issueApiKey(db, admin, { institutionId: hospital.id, label: '基准测试' });
  await createUser(db, admin, { username: 'bench_visits', displayName: '基准测试录入员', password: PASSWORD, role: 'township_staff', areaId: centre.area_id, institutionId: centre.id });
  const app = await buildApp({ db, dbKind: handle.kind, webDir: false });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const now = Date.now();
    const visitOf = (r: Resident, i: number, prefix: string): VisitInput => ({
      visitId: `${prefix}${String(i).padStart(7, '0')}`,
      patient: i % 10 === 0 ? { name: r.name, birthDate: r.birth_date, address: r.place } : { name: r.name, idNumber: r.id_number },
      department: '内科',
      visitedAt: new Date(now - ((i * 7919) % (30 * 86_400)) * 1000).toISOString(),
      diagnoses: [{ code: CODES[i % CODES.length]! }],
    });
    const batches = Array.from({ length: API_BATCHES }, (_, b) => residents.slice(b * BATCH, (b + 1) * BATCH).map((r, i) => visitOf(r, b * BATCH + i, 'BENCH')));
    const post = async (visits: VisitInput[]) => {
      const res = await fetch(`${base}/api/disease/visits`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ visits }) });
      if (res.status !== 200) throw new Error(`intake ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return (await res.json()) as { received: number; repeated: number; matched: number };
    };
    let started = performance.now();
    let received = 0;
    let matched = 0;
    for (const batch of batches) {
      const result = await post(batch);
      received += result.received;
      matched += result.matched;
    }
    const apiMs = performance.now() - started;
    started = performance.now();
    const resend = await post(batches[0]!);
    const resendMs = performance.now() - started;

    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_visits', password: PASSWORD }) });
    const cookie = `${SESSION_COOKIE}=${/jiceng_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]}`;
    const fileRows = (prefix: string) => townsfolk.map((r, i) => visitOf(r, i, prefix));
    const upload = async (body: Buffer | string, type: string) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/disease/visits/import?fileName=bench`, { method: 'POST', headers: { 'content-type': type, cookie }, body: typeof body === 'string' ? body : new Uint8Array(body) });
      if (res.status !== 200) throw new Error(`import ${res.status}: ${(await res.text()).slice(0, 300)}`);
      return performance.now() - t0;
    };
    const csvMs = await upload(csvOf(fileRows('CSV')), 'text/csv');
    const xlsxMs = await upload(await xlsxOf(fileRows('XLSX')), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const none = '（无目标）';
    return [
      [`就诊接入 HTTP 接口：县医院 ${API_BATCHES} 批 × ${BATCH} 条（新接收 ${received.toLocaleString('en')} 条，匹配居民 ${matched.toLocaleString('en')} 条），${(apiMs / 1000).toFixed(1)} s`, rate(received, apiMs), none, '—'],
      [`就诊接入 HTTP 接口：同一批 ${BATCH} 条重发（识别为已接收 ${resend.repeated} 条，未写入）`, `${Math.round(resendMs)} ms`, none, '—'],
      [`就诊文件导入 CSV：乡镇卫生院 ${FILE_ROWS.toLocaleString('en')} 行，${(csvMs / 1000).toFixed(1)} s`, rate(FILE_ROWS, csvMs), none, '—'],
      [`就诊文件导入 Excel（.xlsx）：${FILE_ROWS.toLocaleString('en')} 行，${(xlsxMs / 1000).toFixed(1)} s`, rate(FILE_ROWS, xlsxMs), none, '—'],
    ];
  } finally {
    await app.close();
  }
}

const cellsOf = (v: VisitInput) => [v.visitId, v.patient.name, v.patient.idNumber ?? '', v.patient.birthDate ?? '', '', v.patient.address ?? '', '', v.department ?? '', v.visitedAt, v.diagnoses.map((d) => d.code).join(';'), ''];

function csvOf(visits: VisitInput[]): string {
  return [VISIT_FILE_COLUMNS.map((c) => c.header), ...visits.map(cellsOf)].map((r) => r.join(',')).join('\r\n');
}

async function xlsxOf(visits: VisitInput[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('就诊登记');
  sheet.addRow(VISIT_FILE_COLUMNS.map((c) => c.header));
  for (const v of visits) sheet.addRow(cellsOf(v));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
