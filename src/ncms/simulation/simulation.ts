/**
 * 补偿方案测算: a proposed scheme against the scheme in force, over a whole year of one pool's claims. Read-only: it
 * reads claims, schemes and the fund's income and writes nothing. The CLI and the web's jobs both run it.
 *
 * prepareSimulation checks everything that can be refused (the document, the pool, a scheme in force, claims to
 * replay) in a few quick queries; runSimulation then loads the claims with progress and settles them twice.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { invalid } from '../../core/errors.ts';
import { fundOverview } from '../fund/overview.ts';
import type { Scheme, SchemeProblem } from '../scheme/types.ts';
import { activeScheme, checkSchemeDocument } from '../schemes/scheme-store.ts';
import { countYearClaims, loadYearClaims } from './load-claims.ts';
import { raisedUnder, schemeOutcome, type SchemeOutcome } from './outcome.ts';

export interface SimulationRequest {
  /** The proposed scheme: a format v1 document (object or JSON text). */
  document: unknown;
  /** The year whose claims are replayed. */
  year: number;
  /** The pool; default the proposed scheme's. */
  pool?: string | undefined;
}

export interface PreparedSimulation {
  pool: string;
  year: number;
  claims: number;
  proposed: Scheme; // its year set to the replayed one
  proposedYear: number; // the year the document was written for
  warnings: SchemeProblem[];
  inForce: { id: number; version: number; scheme: Scheme };
}

export type SimulationStep = 'load' | 'inForce' | 'proposed';

export interface SimulationProgress {
  step: SimulationStep;
  label: string; // what the terminal and the page say
  done: number; // claims loaded / settled so far in this step
  total: number;
  share: number; // of the whole job, 0-1
}

export interface SimulationReport {
  pool: string;
  year: number;
  claims: number; // replayed
  persons: number; // with at least one replayed claim
  storedPaidFen: number; // what those claims were actually paid
  assumedEnrolled: number | null; // persons the year's raised funds stand for under the financing in force
  inForce: { schemeId: number; version: number; outcome: SchemeOutcome };
  proposed: { year: number; warnings: SchemeProblem[]; outcome: SchemeOutcome };
  notes: string[];
  elapsedMs: { load: number; inForce: number; proposed: number };
}

/** Share of the whole job each step stands for (loading dominates on a database far away). */
const STEP_SPAN: Record<SimulationStep, [number, number]> = { load: [0, 0.6], inForce: [0.6, 0.8], proposed: [0.8, 1] };

export async function prepareSimulation(db: Db, actor: Actor, request: SimulationRequest): Promise<PreparedSimulation> {
  requirePermission(actor, 'ncms.manage');
  const { year } = request;
  if (!Number.isInteger(year) || year < 1900 || year > 2100) throw invalid('year', `测算年度应为四位年份，收到「${String(year)}」`);
  const { scheme, warnings } = checkSchemeDocument(request.document);
  const pool = request.pool ?? scheme.pool;
  if (scheme.pool !== pool) {
    throw invalid('document.pool', `补偿方案有误：pool：拟议方案的统筹区为 ${scheme.pool}，与要测算的统筹区 ${pool} 不一致，请改正方案或选择统筹区 ${scheme.pool}`, 'invalid_scheme');
  }
  const inForce = await activeScheme(db, pool, year);
  if (!inForce) throw invalid('year', `${pool} 统筹区 ${year} 年度没有执行中的补偿方案，无从比较；请先启用该年度的方案，或选择其他年度`, 'no_active_scheme');
  const claims = await countYearClaims(db, pool, year);
  if (claims === 0) throw invalid('year', `${pool} 统筹区 ${year} 年度没有已结算的报销单据，无法测算；请选择已有结报数据的年度`, 'no_claims');
  return { pool, year, claims, proposed: scheme.year === year ? scheme : { ...scheme, year }, proposedYear: scheme.year, warnings, inForce };
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runSimulation(db: Db, actor: Actor, prepared: PreparedSimulation, onProgress: (p: SimulationProgress) => void = () => {}): Promise<SimulationReport> {
  const { pool, year } = prepared;
  const report = (step: SimulationStep, label: string, done: number, total: number) => {
    const [from, to] = STEP_SPAN[step];
    onProgress({ step, label, done, total, share: from + (total === 0 ? 1 : done / total) * (to - from) });
  };
  let started = performance.now();
  const lap = () => {
    const ms = Math.round(performance.now() - started);
    started = performance.now();
    return ms;
  };

  const data = await loadYearClaims(db, pool, year, (done, total) => report('load', '读取报销单据', done, total));
  const { raisedFen } = await fundOverview(db, actor, { year, pool });
  const load = lap();
  const n = data.claims.length;

  report('inForce', '按现行方案重算', 0, n);
  await nextTick(); // let a server answer progress polls between the long synchronous steps
  const inForce = schemeOutcome(prepared.inForce.scheme, data, raisedFen);
  report('inForce', '按现行方案重算', n, n);
  const inForceMs = lap();

  report('proposed', '按拟议方案测算', 0, n);
  await nextTick();
  const funding = raisedUnder(prepared.inForce.scheme, prepared.proposed, raisedFen);
  const proposed = schemeOutcome(prepared.proposed, data, funding.raisedFen);
  report('proposed', '按拟议方案测算', n, n);

  return {
    pool,
    year,
    claims: n,
    persons: data.persons,
    storedPaidFen: data.storedPaidFen,
    assumedEnrolled: funding.assumedEnrolled,
    inForce: { schemeId: prepared.inForce.id, version: prepared.inForce.version, outcome: inForce },
    proposed: { year: prepared.proposedYear, warnings: prepared.warnings, outcome: proposed },
    notes: notesOf(prepared, inForce, proposed, funding.assumedEnrolled),
    elapsedMs: { load, inForce: inForceMs, proposed: lap() },
  };
}

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** What the figures assume, in words for the clerk. */
function notesOf(prepared: PreparedSimulation, inForce: SchemeOutcome, proposed: SchemeOutcome, assumedEnrolled: number | null): string[] {
  const notes = [`重算 ${prepared.year} 年度已结算和因级别、病种不予报销的报销单据（不含已冲销、未参合和未结算的单据），每人的年度累计从零算起。`];
  if (prepared.proposedYear !== prepared.year) notes.push(`拟议方案为 ${prepared.proposedYear} 年度方案，按其规则重算 ${prepared.year} 年度的报销单据。`);
  if (assumedEnrolled === null) {
    notes.push(`${prepared.year} 年度基金账簿没有筹资记录，年末结余按零筹资计算。`);
  } else if (proposed.financing.perPersonFen !== inForce.financing.perPersonFen) {
    notes.push(
      `拟议方案人均筹资 ${yuan(proposed.financing.perPersonFen)} 元（现行 ${yuan(inForce.financing.perPersonFen)} 元）：按本年度筹资折合参合 ${assumedEnrolled.toLocaleString('zh-CN')} 人计算，假定参合人数不变。`,
    );
  } else {
    notes.push(`两个方案人均筹资相同（${yuan(inForce.financing.perPersonFen)} 元），筹资额取基金账簿本年度实际筹集数。`);
  }
  return notes;
}
