import type { TimelineProvider } from './types.ts';

// The providers every module contributes to the health record's timeline. Modules register here (wired in
// src/timeline-providers.ts), so the records module asks them without reading their tables or importing them.
const providers = new Map<string, TimelineProvider>();

/** Adds a module's provider; registering a module again replaces its provider. Answers a function that removes it. */
export function registerTimelineProvider(provider: TimelineProvider): () => void {
  providers.set(provider.module, provider);
  return () => {
    if (providers.get(provider.module) === provider) providers.delete(provider.module);
  };
}

export function timelineProviders(): TimelineProvider[] {
  return [...providers.values()];
}
