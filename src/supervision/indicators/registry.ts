/** Where the indicator sources are registered (by src/indicator-providers.ts): supervision never imports a module. */
import { notFound } from '../../core/errors.ts';
import type { IndicatorDefinition, IndicatorSource } from './types.ts';

const sources: IndicatorSource[] = [];

export function registerIndicatorSource(source: IndicatorSource): void {
  const known = new Set(indicatorDefinitions().map((d) => d.code));
  for (const d of source.indicators) if (known.has(d.code)) throw new Error(`indicator ${d.code} registered twice`);
  sources.push(source);
}

export const indicatorSources = (): readonly IndicatorSource[] => sources;
export const indicatorDefinitions = (): IndicatorDefinition[] => sources.flatMap((s) => s.indicators);

export function indicatorByCode(code: string): IndicatorDefinition | undefined {
  return indicatorDefinitions().find((d) => d.code === code);
}

export function requireIndicator(code: string): IndicatorDefinition {
  const found = indicatorByCode(code);
  if (!found) throw notFound(`指标「${code}」`);
  return found;
}
