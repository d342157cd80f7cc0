import { execFile } from 'node:child_process';
import { describe } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../core/db/connection.ts';
import { migratedTemplate } from './test-db.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

export interface CliFolder {
  /** Runs `jiceng …` as a child process on the folder (never on a DATABASE_URL server). */
  jiceng(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Opens the folder's database for the work, and closes it again: PGlite allows one process at a time. */
  withData(work: (db: Db) => Promise<unknown>): Promise<void>;
  remove(): void;
}

/**
 * The command line against a PGlite folder of the test's own, opened by the test only while the CLI is not running.
 * The folder starts as a copy of the migrated test template: the CLI's own migration then has nothing to do.
 */
export function cliFolder(prefix: string): CliFolder {
  const dataDir = join(mkdtempSync(join(tmpdir(), prefix)), 'data');
  let created: Promise<void> | undefined;
  const ready = () => (created ??= migratedTemplate().then(async (template) => (await openDatabase({ dataDir, template })).close()));
  return {
    async jiceng(...args) {
      await ready();
      const { DATABASE_URL: _server, ...env } = process.env;
      return new Promise((resolve) => {
        execFile(process.execPath, ['bin/jiceng.js', ...args], { cwd: repo, env: { ...env, JICENG_DATA: dataDir } }, (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        });
      });
    },
    async withData(work) {
      await ready();
      const handle = await openDatabase({ dataDir });
      try {
        await work(handle.db);
      } finally {
        await handle.close();
      }
    },
    remove: () => rmSync(dirname(dataDir), { recursive: true, force: true }),
  };
}

/**
 * `describe` for tests of the command line: they run on a PGlite folder whatever the test database is, so the
 * PostgreSQL pass of CI (JICENG_TEST_DATABASE_URL) would only repeat them; there they are skipped.
 */
export const describeCli = process.env.JICENG_TEST_DATABASE_URL ? describe.skip : describe;
