/**
 * Demo data of the domain modules, generated after the core demo county (areas, institutions, people). Core never
 * imports a module; this top-level list does. Each step runs in its own transaction and writes one audit entry that
 * summarises it. Adding a module's demo is one line in MODULE_DEMOS.
 */
import { sql } from 'kysely';
import type { Db } from './core/db/connection.ts';
import { systemActor } from './core/auth/actor.ts';
import { recordAudit } from './core/audit/audit-log.ts';
import { syncSequences } from './core/db/sync-sequences.ts';
import type { DemoProgress } from './core/demo/generate.ts';
import { ncmsDemoStep } from './ncms/demo/ncms-demo.ts';
import { immunizationDemoStep } from './publichealth/immunization/demo/immunization-demo.ts';
import { reviewDemoSteps } from './ncms/review/demo.ts';
import { monitoringDemoSteps } from './ncms/monitoring/demo.ts';
import { noticeDemoSteps } from './ncms/notices/demo.ts';
import { rectificationDemoSteps } from './ncms/rectification/demo.ts';
import { visitDemoSteps } from './publichealth/disease/intake/demo.ts';
import { reportCardDemoSteps } from './publichealth/disease/cards/demo.ts';
import { deathDemoSteps, deathMarkingDemoSteps } from './publichealth/disease/deaths/demo.ts';
import { recordsDemoSteps } from './publichealth/records/demo/records-demo.ts';
import { supervisionDemoSteps } from './supervision/demo.ts';

export interface ModuleDemoContext {
  /** The core demo's seed and as-of day: the same pair gives the same data. */
  seed: string;
  asOf: string;
  onProgress?: ((progress: DemoProgress) => void) | undefined;
}

export interface ModuleDemoSummary {
  /** One line for the terminal, in Chinese. */
  text: string;
  /** Row counts and figures, stored in the step's audit entry. */
  counts: Record<string, unknown>;
}

export interface ModuleDemoStep {
  module: string;
  /** What the progress line says while the step runs (e.g. 新农合演示数据). */
  label: string;
  /** The unit the step counts progress in (e.g. 项). */
  unit: string;
  generate(db: Db, context: ModuleDemoContext): Promise<ModuleDemoSummary>;
  /** Tables the step fills in bulk: analysed after it commits, so the first searches get good plans. */
  tables?: readonly string[];
}

/** In order: a later step may read what an earlier one wrote. */
export const MODULE_DEMOS: readonly ModuleDemoStep[] = [
  ...deathMarkingDemoSteps, // first: every later step leaves the dead out after their day of death
  ncmsDemoStep,
  immunizationDemoStep,
  ...reviewDemoSteps,
  ...monitoringDemoSteps,
  ...noticeDemoSteps,
  ...rectificationDemoSteps,
  ...visitDemoSteps,
  ...reportCardDemoSteps,
  ...deathDemoSteps,
  ...recordsDemoSteps, // before supervision, which counts the records
  ...supervisionDemoSteps,
];

/** The audit entry of one module's demo data. */
export const moduleDemoAudit = (module: string) => ({ action: 'generate', entity: 'demo_module', entityId: module }) as const;

export interface ModuleDemoHooks {
  /** Called before a step starts; returns the progress callback for it. */
  starting?: (step: ModuleDemoStep) => ((progress: DemoProgress) => void) | undefined;
  finished?: (step: ModuleDemoStep, summary: ModuleDemoSummary, elapsedMs: number) => void;
}

/** Runs every module demo step over a freshly generated demo county, each in its own transaction. */
export async function runModuleDemos(db: Db, context: Omit<ModuleDemoContext, 'onProgress'>, hooks: ModuleDemoHooks = {}, steps: readonly ModuleDemoStep[] = MODULE_DEMOS): Promise<Array<{ module: string; summary: ModuleDemoSummary; elapsedMs: number }>> {
  const done: Array<{ module: string; summary: ModuleDemoSummary; elapsedMs: number }> = [];
  for (const step of steps) {
    const started = Date.now();
    const onProgress = hooks.starting?.(step);
    const summary = await db.transaction().execute(async (trx) => {
      const summary = await step.generate(trx, { ...context, onProgress });
      await syncSequences(trx); // steps load rows with ids of their own
      await recordAudit(trx, systemActor('演示数据生成'), { ...moduleDemoAudit(step.module), after: { seed: context.seed, asOf: context.asOf, ...summary.counts } });
      return summary;
    });
    if (step.tables?.length) await sql`vacuum (analyze) ${sql.join(step.tables.map((t) => sql.id(t)))}`.execute(db);
    const elapsedMs = Date.now() - started;
    hooks.finished?.(step, summary, elapsedMs);
    done.push({ module: step.module, summary, elapsedMs });
  }
  return done;
}
