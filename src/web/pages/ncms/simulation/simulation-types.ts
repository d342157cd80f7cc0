// The simulation API's shapes, from the server's own types (type-only: no server code reaches the bundle).
export type { SimulationJob } from '../../../../ncms/simulation/jobs.ts';
export type { SimulationReport, SimulationProgress } from '../../../../ncms/simulation/simulation.ts';
export type { SchemeOutcome, Share } from '../../../../ncms/simulation/outcome.ts';
