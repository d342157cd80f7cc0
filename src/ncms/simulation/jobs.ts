/**
 * Simulations started from the web run as jobs in the server process: the request is checked at once (400 with the
 * field), then the job waits its turn, loads and settles with progress the page polls. One job runs at a time (each
 * holds a year of claims in memory and keeps a core busy for seconds); a few may wait. Finished jobs are kept for an
 * hour, in memory only: a restart forgets them, which costs a re-run, nothing else (a simulation writes nothing).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { AppError, conflict, notFound } from '../../core/errors.ts';
import { prepareSimulation, runSimulation, type SimulationProgress, type SimulationReport, type SimulationRequest } from './simulation.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface SimulationJob {
  id: string;
  pool: string;
  year: number;
  status: JobStatus;
  startedByName: string;
  createdAt: string;
  progress: SimulationProgress | null;
  report: SimulationReport | null;
  error: { code: string; message: string } | null;
}

const KEEP_MS = 60 * 60 * 1000;
const MAX_WAITING = 3;
const jobs = new Map<string, SimulationJob & { finishedAt?: number }>();
let queue: Promise<void> = Promise.resolve();

function forgetOld(now: number): void {
  for (const [id, job] of jobs) if (job.finishedAt !== undefined && now - job.finishedAt > KEEP_MS) jobs.delete(id);
}

/** Checks the request (refusals are thrown here, nothing is queued) and queues the simulation. */
export async function startSimulation(db: Db, actor: Actor, request: SimulationRequest): Promise<SimulationJob> {
  const prepared = await prepareSimulation(db, actor, request);
  forgetOld(Date.now());
  const waiting = [...jobs.values()].filter((j) => j.status === 'queued').length;
  if (waiting >= MAX_WAITING) throw conflict('simulations_busy', `已有 ${waiting} 项测算在排队，请等它们完成后再试`);
  const job: SimulationJob & { finishedAt?: number } = {
    id: randomUUID(),
    pool: prepared.pool,
    year: prepared.year,
    status: 'queued',
    startedByName: actor.name,
    createdAt: new Date().toISOString(),
    progress: null,
    report: null,
    error: null,
  };
  jobs.set(job.id, job);
  queue = queue.then(async () => {
    job.status = 'running';
    try {
      job.report = await runSimulation(db, actor, prepared, (p) => (job.progress = p));
      job.status = 'done';
    } catch (e) {
      job.status = 'failed';
      job.error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'simulation_failed', message: '测算未能完成（系统错误），请稍后重试；如反复出现请联系系统管理员' };
      if (!(e instanceof AppError)) console.error(e);
    }
    job.finishedAt = Date.now();
  });
  return job;
}

/** A job by its id: readable by anyone with ncms.read who holds the id (a link to the result can be passed on). */
export function simulationJob(actor: Actor, id: string): SimulationJob {
  requirePermission(actor, 'ncms.read');
  const job = jobs.get(id);
  if (!job) throw notFound('该测算任务（可能已超过一小时被清除，请重新测算）');
  const { finishedAt: _, ...view } = job;
  return view;
}
