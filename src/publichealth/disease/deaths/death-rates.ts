// Expected deaths (应报死亡数) = population × crude death rate × the period's share of a year. Configuration data with an
// effective date: replace the assumption with the province's published rate when it is known.

export interface DeathRateConfig {
  effectiveFrom: string;
  /** Crude death rate, deaths per 1 000 residents per year. */
  perMille: number;
  /** A township whose registered deaths are below this share of the expected ones is flagged as under-reporting. */
  underReportShare: number;
  /** Below this many expected deaths the figures are too small to judge: no flag. */
  minExpected: number;
  source: string;
}

export const DEATH_RATE_CONFIGS: readonly DeathRateConfig[] = [
  {
    effectiveFrom: '2000-01-01',
    perMille: 7.0,
    underReportShare: 0.7,
    minExpected: 5,
    source: '假设：全国人口粗死亡率约 7‰（国家统计局历年公报量级）[U]；死亡漏报判定 <70% 为本系统约定',
  },
];

/** The configuration in force on a day (the period's first day). */
export function deathRateOn(date: string, configs: readonly DeathRateConfig[] = DEATH_RATE_CONFIGS): DeathRateConfig {
  const found = [...configs].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).find((c) => c.effectiveFrom <= date);
  return found ?? configs[0]!;
}

export interface ExpectedDeaths {
  population: number;
  expected: number;
  registered: number;
  /** registered ÷ expected, null when nothing is expected. */
  ratio: number | null;
  underReporting: boolean;
}

const DAYS_PER_YEAR = 365.25;

/** Expected against registered deaths of one area for a period of `days` days, and whether it under-reports. */
export function expectedDeaths(population: number, registered: number, days: number, config: DeathRateConfig): ExpectedDeaths {
  const expected = Math.round(((population * config.perMille) / 1000) * (days / DAYS_PER_YEAR) * 10) / 10;
  const ratio = expected > 0 ? Math.round((registered / expected) * 10_000) / 10_000 : null;
  const underReporting = expected >= config.minExpected && registered < expected * config.underReportShare;
  return { population, expected, registered, ratio, underReporting };
}
