import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const jiceng = resolve(import.meta.dirname, '../../../bin/jiceng.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jiceng-immunization-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [jiceng, 'immunization', 'plan', ...args], (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('jiceng immunization plan', () => {
  it('prints the plan as JSON, with the given doses done', async () => {
    const given = join(dir, 'given.json');
    await writeFile(given, JSON.stringify([{ vaccine: 'HepB', dose: 1, date: '2025-03-01' }, { vaccine: 'BCG', dose: 1, date: '2025-03-02' }]));
    const { code, stdout } = await run(['--birth', '2025-03-01', '--given', given, '--on', '2025-05-01']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ birthDate: '2025-03-01', on: '2025-05-01' });
    const find = (vaccine: string, dose: number) => result.doses.find((d: { vaccine: string; dose: number }) => d.vaccine === vaccine && d.dose === dose);
    expect(find('HepB', 1)).toMatchObject({ status: 'done', timely: true });
    expect(find('HepB', 2)).toMatchObject({ status: 'overdue', earliest: '2025-05-01' });
    expect(find('DTaP', 1)).toMatchObject({ status: 'due', dueDate: '2025-05-01' });
  });

  it('without --given plans for a child with no doses', async () => {
    const { code, stdout } = await run(['--birth', '2025-03-01', '--on', '2025-03-01']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).doses.filter((d: { status: string }) => d.status === 'due').map((d: { vaccine: string }) => d.vaccine)).toEqual(['HepB', 'BCG']);
  });

  it('takes the child conditions that change HepB', async () => {
    const { code, stdout } = await run(['--birth', '2025-03-01', '--on', '2025-03-01', '--birth-weight-under-2000g', '--mother-hbsag-positive']);
    expect(code).toBe(0);
    const hepB = JSON.parse(stdout).doses.filter((d: { series: string }) => d.series === 'HepB');
    expect(hepB).toHaveLength(4);
    expect(hepB[0]).toMatchObject({ status: 'due', note: expect.stringContaining('HBIG') });
  });

  it('names each bad item in Chinese and exits 2', async () => {
    const given = join(dir, 'bad.json');
    await writeFile(given, JSON.stringify([{ vaccine: 'HepB', dose: 2, date: '2025-04-01' }, { vaccine: 'Hib', dose: 1, date: '2025-04-01' }]));
    const { code, stdout, stderr } = await run(['--birth', '2025-03-01', '--given', given, '--on', '2025-05-01']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('given[0]：HepB 第2剂缺少第1剂的记录（剂次不能跳过）');
    expect(stderr).toContain('given[1]：未知的疫苗代码“Hib”');
  });

  it('reports a malformed or missing file', async () => {
    const given = join(dir, 'shape.json');
    await writeFile(given, JSON.stringify([{ vaccine: 'HepB', dose: '1', date: '2025-03-01' }]));
    const shape = await run(['--birth', '2025-03-01', '--given', given]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain('given[0].dose：剂次 dose 应为数字');
    const missing = await run(['--birth', '2025-03-01', '--given', join(dir, 'none.json')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('文件不存在') });
  });
});
