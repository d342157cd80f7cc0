/**
 * Immunization plan engine throughput: ~100 000 synthetic children born 2015-2026, seen at ages up to 8 years, with
 * plausible histories (doses near their due ages, some late, some series stopped), generated deterministically before
 * timing. Best of N runs of planning every child, against input validation alone, and per age band.
 * Run: node bin/run-ts.js bench/immunization.ts [children] [runs]   (or: npm run bench immunization)
 */
import { dayFromParts, parseDay } from '../src/publichealth/immunization/calendar.ts';
import { plan } from '../src/publichealth/immunization/plan.ts';
import { NIP_SCHEDULES } from '../src/publichealth/immunization/schedules/index.ts';
import { random, syntheticChild, type SyntheticChild } from '../src/publichealth/immunization/testing/synthetic-children.ts';
import { validateInput } from '../src/publichealth/immunization/validate-input.ts';
import { markdownTable } from './_measure.ts';

/** Best wall time of `runs` calls, in ms. */
function best(runs: number, task: () => unknown): number {
  let fastest = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    task();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return fastest;
}

const [countArg, runsArg] = process.argv.slice(2).map(Number);
const count = countArg || 100_000;
const runs = runsArg || 3;

const next = random(20250101);
const children = Array.from({ length: count }, () => syntheticChild(next, dayFromParts(2026, 11, 30)));
const doses = children.reduce((sum, c) => sum + c.given.length, 0);
const ageYears = (c: SyntheticChild) => (parseDay(c.on)! - parseDay(c.birthDate)!) / 365.25;
const bands: [string, SyntheticChild[]][] = [
  ['plan, age < 1 y', children.filter((c) => ageYears(c) < 1)],
  ['plan, age 1-3 y', children.filter((c) => ageYears(c) >= 1 && ageYears(c) < 3)],
  ['plan, age ≥ 3 y', children.filter((c) => ageYears(c) >= 3)],
];

let sink = 0;
const planAll = (list: SyntheticChild[]) => () => {
  for (const c of list) sink += plan(c.birthDate, c.given, c.on).doses.length;
};
planAll(children.slice(0, 5_000))(); // warm-up, so the first timed run is not the JIT's
const rows: [string, number, number][] = [
  ['validate input only', count, best(runs, () => children.forEach((c) => (sink += validateInput(NIP_SCHEDULES, c.birthDate, c.given, c.on).doses.length)))],
  ['plan, all children', count, best(runs, planAll(children))],
  ...bands.map(([name, list]): [string, number, number] => [name, list.length, best(runs, planAll(list))]),
];
if (sink === 0) console.log(''); // keeps the work observable

console.log(`Immunization plans: ${count.toLocaleString('en')} synthetic children, ${doses.toLocaleString('en')} doses given, best of ${runs}`);
console.log(
  markdownTable(
    ['run', 'children', 'ms', 'plans/s', 'µs/plan'],
    rows.map(([name, n, ms]) => [name, n.toLocaleString('en'), ms.toFixed(0), Math.round((n / ms) * 1000).toLocaleString('en'), ((ms * 1000) / n).toFixed(1)]),
  ),
);
