#!/usr/bin/env node
// Runs the test suite again on a PostgreSQL server (default 127.0.0.1:5432, user postgres) in a
// database of its own, created here and dropped afterwards, but for the browser tests and the command-line tests
// (always on a PGlite folder: describeCli skips them). Skips, and says so, when no server answers.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const server = process.env.JICENG_CI_PG ?? 'postgres://postgres@127.0.0.1:5432';
const admin = new pg.Client({ connectionString: `${server}/postgres`, connectionTimeoutMillis: 3000 });
try {
  await admin.connect();
} catch (error) {
  console.log(`PostgreSQL (${server}) 未响应，跳过 PostgreSQL 测试：${error.message}`);
  process.exit(0);
}
const database = `jiceng_ci_${Date.now()}_${process.pid}`;
await admin.query(`create database ${database}`);
console.log(`在 PostgreSQL 数据库 ${database} 上运行测试…`);
let status = 1;
try {
  // The browser tests check the web app, whose API the API tests already check on PostgreSQL: run once, on PGlite.
  const run = spawnSync('npx', ['vitest', 'run', '--exclude', 'test/e2e/**', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, JICENG_TEST_DATABASE_URL: `${server}/${database}` },
  });
  status = run.status ?? 1;
} finally {
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}
process.exit(status);
