import type { ModuleDemoStep } from '../../../module-demos.ts';

/** Demo data of this part, run after the core county and the earlier modules' demos. */
export const deathDemoSteps: ModuleDemoStep[] = [];
