import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cliFolder, describeCli } from '../testing/cli-folder.ts';
import { migrate } from '../core/db/migrate.ts';
import { migrationSources } from '../modules.ts';
import { createTinyCounty } from '../testing/fixtures.ts';

// The command line against one PGlite folder, opened here only while the CLI is not running.
const { jiceng, withData, remove } = cliFolder('jiceng-cli-');

beforeAll(async () => {
  await withData(async (db) => {
    await migrate(db, migrationSources);
    await createTinyCounty(db); // areas and users, each audited
  });
});
afterAll(remove);

describeCli('jiceng audit verify', () => {
  it('passes an untouched log, then fails naming the seq of an edited row', async () => {
    const intact = await jiceng('audit', 'verify');
    expect(intact.code, intact.stderr).toBe(0);
    const rows = /审计日志完整：共 (\d+) 条，哈希链校验通过/.exec(intact.stdout)?.[1];
    expect(Number(rows)).toBeGreaterThanOrEqual(13); // six areas and seven users at least

    await withData(async (db) => {
      await sql.raw('alter table audit_log disable trigger audit_log_no_change').execute(db);
      await sql.raw(`update audit_log set after = '{"name":"篡改"}' where seq = 3`).execute(db);
      await sql.raw('alter table audit_log enable trigger audit_log_no_change').execute(db);
    });

    const tampered = await jiceng('audit', 'verify');
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain(`审计日志校验失败：共 ${rows} 条，发现 1 处问题`);
    expect(tampered.stderr).toMatch(/seq 3\s+edited\s+第 3 条审计记录内容被改动/);
  });
});
