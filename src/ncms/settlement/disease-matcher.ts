/**
 * Disease list membership by the scheme's rule: a diagnosis matches an entry when it equals it or starts with it
 * followed by "." or a digit (C92 matches C92.0 and C921, not C9A). Case-sensitive, as written in the contract.
 * Answers are memoised per diagnosis text because a county's claims repeat a few hundred codes.
 */
const MEMO_LIMIT = 100_000;

export class DiseaseMatcher {
  private readonly codes: ReadonlySet<string>;
  private readonly shortest: number;
  private readonly memo = new Map<string, boolean>();

  constructor(codes: readonly string[]) {
    this.codes = new Set(codes);
    this.shortest = codes.reduce((min, c) => Math.min(min, c.length), Infinity);
  }

  matches(diagnosis: string): boolean {
    let answer = this.memo.get(diagnosis);
    if (answer === undefined) {
      answer = this.lookup(diagnosis);
      if (this.memo.size < MEMO_LIMIT) this.memo.set(diagnosis, answer);
    }
    return answer;
  }

  private lookup(diagnosis: string): boolean {
    if (this.codes.has(diagnosis)) return true;
    for (let end = this.shortest; end < diagnosis.length; end++) {
      const next = diagnosis.charCodeAt(end);
      const continues = next === 46 /* . */ || (next >= 48 && next <= 57); /* 0-9 */
      if (continues && this.codes.has(diagnosis.slice(0, end))) return true;
    }
    return false;
  }
}
