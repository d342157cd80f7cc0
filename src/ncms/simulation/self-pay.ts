/**
 * How much each person paid themselves over the year (自付 = total − pay, out-of-catalogue included), as buckets and
 * percentiles. The bucket bounds are data: a county may want others.
 */
export const SELF_PAY_BUCKETS_FEN: readonly number[] = [0, 10_000, 50_000, 100_000, 300_000, 1_000_000, 3_000_000];

export interface SelfPayBucket {
  fromFen: number;
  toFen: number | null; // exclusive; null = no upper bound
  label: string;
  persons: number;
}

export interface SelfPayDistribution {
  persons: number; // persons with at least one replayed claim
  totalFen: number;
  meanFen: number;
  p50Fen: number;
  p90Fen: number;
  p99Fen: number;
  maxFen: number;
  buckets: SelfPayBucket[];
}

const yuan = (fen: number) => String(fen / 100);

function bucketLabel(from: number, to: number | null): string {
  if (from === 0 && to === SELF_PAY_BUCKETS_FEN[1]) return `${yuan(to)} 元以下`;
  return to === null ? `${yuan(from)} 元及以上` : `${yuan(from)}–${yuan(to)} 元`;
}

/** Nearest-rank percentile of ascending values. */
const percentile = (sorted: Float64Array, share: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!);

/** `perPerson` holds each person's self-pay in fen; it is sorted in place. */
export function selfPayDistribution(perPerson: Float64Array): SelfPayDistribution {
  perPerson.sort();
  const buckets = SELF_PAY_BUCKETS_FEN.map((fromFen, i) => {
    const toFen = SELF_PAY_BUCKETS_FEN[i + 1] ?? null;
    return { fromFen, toFen, label: bucketLabel(fromFen, toFen), persons: 0 };
  });
  let total = 0;
  let b = 0;
  for (const fen of perPerson) {
    total += fen;
    while (buckets[b]!.toFen !== null && fen >= buckets[b]!.toFen!) b++;
    buckets[b]!.persons++;
  }
  const n = perPerson.length;
  return {
    persons: n,
    totalFen: total,
    meanFen: n === 0 ? 0 : Math.round(total / n),
    p50Fen: percentile(perPerson, 0.5),
    p90Fen: percentile(perPerson, 0.9),
    p99Fen: percentile(perPerson, 0.99),
    maxFen: n === 0 ? 0 : perPerson[n - 1]!,
    buckets,
  };
}
