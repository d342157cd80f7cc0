/**
 * Runs the benchmarks: `npm run bench` runs every bench/<name>.ts, `npm run bench foundation` one of them;
 * further arguments go to it (`npm run bench -- foundation --population 20000`). Each runs in its own
 * process, so one bench's memory and database do not weigh on the next. A new module adds a file here.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const runner = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !/^[._]/.test(f))
  .map((f) => f.slice(0, -3))
  .sort();

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && !first.startsWith('-');
const names = named ? [first] : available;
const args = named ? rest : process.argv.slice(2);

for (const name of names) {
  if (!available.includes(name)) {
    console.error(`没有名为「${name}」的基准测试，可选：${available.join('、')}`);
    process.exit(2);
  }
  console.log(`\n== bench ${name} ==`);
  const result = spawnSync(process.execPath, [runner, `${here}${name}.ts`, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}
