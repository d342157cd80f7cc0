import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exampleSchemeDocument } from './testing/example-scheme.ts';

const jiceng = resolve(import.meta.dirname, '../../bin/jiceng.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jiceng-ncms-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the files and runs `jiceng ncms settle` with them. */
async function run(files: Record<string, string>, args: string[]) {
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const fullArgs = [jiceng, 'ncms', 'settle', ...args.map((a) => (a.startsWith('--') ? a : join(dir, a)))];
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, fullArgs, (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

const scheme = JSON.stringify(exampleSchemeDocument());
const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ person: 'p1', date: '2025-03-01', level: 'county', kind: 'inpatient', diagnosis: 'K35', referred: false, outOfCatalog: 0, ...fields });

describe('jiceng ncms settle', () => {
  it('prints one result line per claim for the worked example', async () => {
    const claims = [
      line({ id: 'a', total: 10000, outOfCatalog: 1000 }),
      '',
      line({ id: 'b', level: 'village', kind: 'outpatient', diagnosis: 'J06', total: 40 }),
      line({ id: 'c', level: 'outside', total: '20000.00' }),
      line({ id: 'd', total: 100, outOfCatalog: 200 }),
    ].join('\n');
    // Both files saved with a byte-order mark, as Windows Notepad does.
    const { code, stdout, stderr } = await run({ 's.json': `\uFEFF${scheme}`, 'c.jsonl': `\uFEFF${claims}` }, ['--scheme', 's.json', '--claims', 'c.jsonl']);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      '{"id":"a","status":"paid","eligible":9000.00,"pay":6450.00,"selfPay":3550.00}',
      '{"id":"b","status":"paid","eligible":40.00,"pay":15.00,"selfPay":25.00,"capped":"perVisit"}',
      '{"id":"c","status":"paid","eligible":20000.00,"pay":8550.00,"selfPay":11450.00}',
      '{"id":"d","status":"rejected","reason":"invalid_claim","fault":"out_of_catalog_exceeds_total","message":"outOfCatalog：目录外费用不能超过总费用（目录外 200，总费用 100）","eligible":0.00,"pay":0.00,"selfPay":0.00}',
      '',
    ]);
    expect(stderr).toContain('第 5 行（单据 d）数据有误，已拒付');
    expect(stderr).toContain('结算完成：共 4 条，支付 3 条，拒付 1 条，补偿合计 15015.00 元');
  });

  it('prints every scheme problem in Chinese and exits 2 without settling', async () => {
    const doc: any = exampleSchemeDocument();
    doc.inpatient.county.ratio = 1.5;
    doc.inpatient.township.deductible = -100;
    delete doc.inpatient.outside;
    const { code, stdout, stderr } = await run({ 'bad.json': JSON.stringify(doc), 'one.jsonl': line({ id: 'a', total: 1 }) }, [
      '--scheme',
      'bad.json',
      '--claims',
      'one.jsonl',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('inpatient.township.deductible：起付线不能为负数');
    expect(stderr).toContain('inpatient.county.ratio：报销比例应在 0 到 1 之间，收到 1.5');
    expect(stderr).toContain('inpatient.outside：缺少县外（outside）住院补偿设置');
  });

  it('names the line numbers of claims lines that are not JSON objects and exits 2', async () => {
    const claims = [line({ id: 'a', total: 1 }), '{"id": "b", total: 2}', '"c"'].join('\n');
    const { code, stdout, stderr } = await run({ 's.json': scheme, 'm.jsonl': claims }, ['--scheme', 's.json', '--claims', 'm.jsonl']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('第 2 行：不是有效的 JSON');
    expect(stderr).toContain('第 3 行：应为一个报销单据 JSON 对象');
  });

  it('reads the enrolled persons as lines or as a JSON array', async () => {
    const claims = [line({ id: 'a', total: 1000 }), line({ id: 'b', person: 'p2', total: 1000 })].join('\n');
    const files = { 's.json': scheme, 'e.jsonl': claims, 'list.txt': 'p1\n\n', 'list.json': '["p2"]' };
    const asLines = await run(files, ['--scheme', 's.json', '--claims', 'e.jsonl', '--enrolled', 'list.txt']);
    expect(asLines.stdout.split('\n').map((l) => l && JSON.parse(l).status)).toEqual(['paid', 'rejected', '']);
    expect(asLines.stdout).toContain('"reason":"not_enrolled"');
    const asJson = await run(files, ['--scheme', 's.json', '--claims', 'e.jsonl', '--enrolled', 'list.json']);
    expect(asJson.stdout.split('\n').map((l) => l && JSON.parse(l).status)).toEqual(['rejected', 'paid', '']);
  });
});
