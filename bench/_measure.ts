// Timing helpers shared by the benchmarks (bench/run.ts skips files starting with _ or .).
import { displayWidth, padToWidth } from '../src/cli/display-width.ts';

export interface Timing {
  median: number;
  p99: number;
  max: number;
}

/** The value below which the given share of sorted samples lie (nearest rank). */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs `task` once per input (after a few warm-up calls) and returns the spread of the durations in ms. */
export async function timeEach<T>(inputs: T[], task: (input: T) => Promise<unknown>, warmUp = 20): Promise<Timing> {
  for (const input of inputs.slice(0, warmUp)) await task(input);
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await task(input);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p99: percentile(samples, 0.99), max: samples.at(-1)! };
}

/** A markdown table, so the output can be pasted into notes as it is. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => padToWidth(cell, widths[c]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
