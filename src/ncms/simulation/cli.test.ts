import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliFolder, describeCli } from '../../testing/cli-folder.ts';
import { migrate } from '../../core/db/migrate.ts';
import { migrationSources } from '../../modules.ts';
import { createTinyCounty } from '../../testing/fixtures.ts';
import { generousSchemeDocument, SIMULATED_YEAR, simulationYear } from './simulation-fixtures.ts';

// `jiceng ncms simulate` as a child process against a PGlite folder holding the small year of claims.
const { jiceng, withData, remove } = cliFolder('jiceng-simulate-cli-');
const files = mkdtempSync(join(tmpdir(), 'jiceng-simulate-files-'));
const proposed = join(files, 'proposed.json');
const broken = join(files, 'broken.json');

beforeAll(async () => {
  await withData(async (db) => {
    await migrate(db, migrationSources);
    await simulationYear(db, await createTinyCounty(db));
  });
  writeFileSync(proposed, JSON.stringify(generousSchemeDocument(), null, 2));
  writeFileSync(broken, JSON.stringify({ ...generousSchemeDocument(), annualCap: -5 }));
}, 120_000);
afterAll(() => {
  remove();
  rmSync(files, { recursive: true, force: true });
});

describeCli('jiceng ncms simulate', () => {
  it('prints progress, then the side-by-side table in Chinese; --json gives the report', async () => {
    const run = await jiceng('ncms', 'simulate', '--scheme', proposed, '--year', String(SIMULATED_YEAR));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('（100%）按拟议方案测算：16 / 16 条');
    expect(run.stdout).toContain('补偿方案测算：430702 统筹区 2025 年度，重算报销单据 16 条，涉及 4 人');
    expect(run.stdout).toMatch(/项目\s+现行方案（第 1 版）\s+拟议方案（2026 年度）\s+差额/);
    // 4 persons × 1 100 元 in force, × 1 180 元 proposed.
    expect(run.stdout).toMatch(/筹集基金\s+4,400\.00\s+4,720\.00\s+\+320\.00/);
    expect(run.stdout).toMatch(/住院 县级\s+64\.50%\s+73\.95%\s+\+9\.45 个百分点/);
    expect(run.stdout).toMatch(/门诊统筹年度封顶\s+1\s+2\s+\+1/);
    expect(run.stdout).toContain('注意 现行方案：当年支出已超过当年筹集的基金');

    const json = await jiceng('ncms', 'simulate', '--scheme', proposed, '--year', String(SIMULATED_YEAR), '--json');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ pool: '430702', year: 2025, claims: 16, inForce: { version: 1 }, proposed: { year: 2026 } });
    expect(report.proposed.outcome.paidFen).toBeGreaterThan(report.inForce.outcome.paidFen);
  }, 120_000);

  it('refuses an invalid scheme file with the field named (exit 2, nothing on stdout)', async () => {
    const run = await jiceng('ncms', 'simulate', '--scheme', broken, '--year', String(SIMULATED_YEAR));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`方案文件 ${broken}：补偿方案有误：annualCap：`);
    expect(run.stdout).toBe('');
  }, 60_000);
});
