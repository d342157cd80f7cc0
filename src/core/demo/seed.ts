/** The demo county's random seed: the same seed and population give the same county. */
export const DEFAULT_SEED = 'qinghe';
