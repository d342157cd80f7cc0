import { describe, expect, it } from 'vitest';
import { progressFigures, progressLine } from './demo.ts';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe('demo progress line', () => {
  it('writes a line at every tenth when the output is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const report = progressLine(stream);
    for (let done = 0; done <= 1000; done += 10) report({ done, total: 1000, elapsedMs: done * 2 });
    expect(writes).toHaveLength(11);
    expect(writes.every((w) => w.endsWith('\n') && !w.includes('\r'))).toBe(true);
    expect(writes.at(-1)).toContain('100%');
    expect(writes[5]).toMatch(/50%\s+500 人\s+500 人\/秒\s+预计剩余 1 秒/);
  });

  it('shows a slow step with a decimal rate and the time it still needs', () => {
    const { stream, writes } = fakeStream(false);
    progressLine(stream, { label: '督导考核', unit: '月' })({ done: 3, total: 12, elapsedMs: 10_000 });
    expect(writes[0]).toMatch(/25%\s+3 月\s+0\.3 月\/秒\s+预计剩余 30 秒/);
  });

  it('rewrites one line in place on a terminal and ends it when done', () => {
    const { stream, writes } = fakeStream(true);
    const report = progressLine(stream);
    report({ done: 250, total: 1000, elapsedMs: 1000 });
    report({ done: 1000, total: 1000, elapsedMs: 4000 });
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/^\r生成人口\s+25%/);
    expect(writes[0]).toContain('预计剩余 3 秒');
    expect(writes[0]!.endsWith('\n')).toBe(false);
    expect(writes[1]!.endsWith('\n')).toBe(true);
  });
});

describe('progress figures', () => {
  it('share, rate and time left; a step with nothing to do is done', () => {
    expect(progressFigures({ done: 30, total: 120, elapsedMs: 15_000 })).toEqual({ share: 0.25, perSecond: 2, etaSeconds: 45 });
    expect(progressFigures({ done: 0, total: 0, elapsedMs: 0 })).toEqual({ share: 1, perSecond: 0, etaSeconds: 0 });
    expect(progressFigures({ done: 130, total: 120, elapsedMs: 1000 }).share).toBe(1);
  });
});
