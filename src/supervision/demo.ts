import type { ModuleDemoStep } from '../module-demos.ts';

/** Demo data of supervision and assessment, run after every other module's demo (it reads their figures). */
export const supervisionDemoSteps: ModuleDemoStep[] = [];
