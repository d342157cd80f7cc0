/**
 * Loads the schedule documents: validates each with zod, applies changes on top of the edition they are based on,
 * checks the versions line up dose by dose (the engine picks a version per dose, so every version must have the
 * same series, alternatives and dose count), and parses the durations once.
 */
import { z } from 'zod';
import { parseDuration, parseDay, type Day, type Duration } from '../calendar.ts';
import { CHILD_CONDITIONS, scheduleDocumentSchema, VACCINE_CODES, type ChildCondition, type Edition, type SeriesDocument, type VaccineCode } from './schema.ts';

export interface Vaccine {
  code: VaccineCode;
  name: string;
  live: boolean;
  route: 'injection' | 'oral';
}

export interface DoseRule {
  vaccine: VaccineCode;
  minAge: Duration;
  minInterval?: Duration;
  timelyBefore?: Duration;
  maxAge?: Duration;
  instead?: VaccineCode;
  after: { series: string; interval: Duration }[];
  testFrom?: { age: Duration; note: string };
  note?: string;
  when: { condition: ChildCondition; timelyBefore?: Duration; note?: string }[];
  unverified: string[];
}

export interface SeriesOption {
  id: string;
  name: string;
  doses: DoseRule[];
  /** Products whose doses count in this option: the dose products and `alsoAccepts`. */
  members: ReadonlySet<VaccineCode>;
  variants: { when: ChildCondition; name: string; doses: DoseRule[] }[];
}

export interface Series {
  id: string;
  name: string;
  options: SeriesOption[];
}

export interface ScheduleVersion {
  id: string;
  name: string;
  effective: string;
  effectiveDay: Day;
  catchUpBefore: Duration;
  overdueAfter: Duration;
  /** Same order in every version; a series appears after the series its doses' `after` rules refer to. */
  series: Series[];
}

export interface ScheduleSet {
  /** Oldest first. */
  versions: ScheduleVersion[];
  vaccines: ReadonlyMap<VaccineCode, Vaccine>;
  /** Which series (index) and alternative (index) a product's doses belong to: the same in every version. */
  placeOf: ReadonlyMap<VaccineCode, { series: number; option: number }>;
}

export class ScheduleDataError extends Error {
  override name = 'ScheduleDataError';
}

const duration = (text: string): Duration => parseDuration(text)!;

type DoseDocument = SeriesDocument['options'][number]['doses'][number];
const optional = (text: string | undefined) => (text === undefined ? undefined : duration(text));

function compileDose(d: DoseDocument): DoseRule {
  return {
    vaccine: d.vaccine,
    minAge: duration(d.minAge),
    minInterval: optional(d.minInterval),
    timelyBefore: optional(d.timelyBefore),
    maxAge: optional(d.maxAge),
    instead: d.instead,
    after: d.after.map((a) => ({ series: a.series, interval: duration(a.interval) })),
    testFrom: d.testFrom && { age: duration(d.testFrom.age), note: d.testFrom.note },
    note: d.note,
    when: d.when.map((w) => ({ condition: w.condition, timelyBefore: optional(w.timelyBefore), note: w.note })),
    unverified: d.unverified,
  };
}

function compileSeries(doc: SeriesDocument): Series {
  return {
    id: doc.id,
    name: doc.name,
    options: doc.options.map((o) => ({
      id: o.id,
      name: o.name,
      members: new Set([...o.doses.map((d) => d.vaccine), ...o.alsoAccepts]),
      doses: o.doses.map(compileDose),
      variants: o.variants.map((v) => ({ when: v.when, name: v.name, doses: v.doses.map(compileDose) })),
    })),
  };
}

function checkSeriesOrder(version: ScheduleVersion): void {
  const seen = new Set<string>();
  for (const s of version.series) {
    for (const o of s.options) {
      for (const d of o.doses) {
        for (const a of d.after) {
          if (!seen.has(a.series)) throw new ScheduleDataError(`${version.id}：${s.id} 的间隔规则引用的系列 ${a.series} 不存在或排在其后`);
        }
      }
    }
    seen.add(s.id);
  }
}

function shapeOf(version: ScheduleVersion): string {
  const option = (o: SeriesOption) => `${o.id}×${o.doses.length}:${[...o.members].sort()}${o.variants.map((v) => `/${v.when}×${v.doses.length}`).join('')}`;
  return version.series.map((s) => `${s.id}[${s.options.map(option).join('|')}]`).join(' ');
}

export function loadSchedules(documents: readonly unknown[]): ScheduleSet {
  const editions = new Map<string, Edition>();
  const versions: ScheduleVersion[] = [];
  let vaccines: Vaccine[] | undefined;
  for (const [i, raw] of documents.entries()) {
    const parsed = scheduleDocumentSchema.safeParse(raw);
    if (!parsed.success) throw new ScheduleDataError(`免疫程序数据第 ${i + 1} 份有误：\n${z.prettifyError(parsed.error)}`);
    const doc = parsed.data;
    let edition: Edition;
    if (doc.kind === 'edition') {
      edition = doc;
    } else {
      const base = editions.get(doc.basedOn);
      if (!base) throw new ScheduleDataError(`${doc.id}：所依据的版本 ${doc.basedOn} 须先载入`);
      if (doc.effective <= base.effective) throw new ScheduleDataError(`${doc.id}：生效日期须晚于 ${base.id}`);
      for (const s of doc.series) {
        if (!base.series.some((b) => b.id === s.id)) throw new ScheduleDataError(`${doc.id}：${base.id} 中没有系列 ${s.id}`);
      }
      edition = { ...base, id: doc.id, name: doc.name, effective: doc.effective, verifiedEffective: true, series: base.series.map((b) => doc.series.find((s) => s.id === b.id) ?? b) };
    }
    editions.set(edition.id, edition);
    vaccines ??= edition.vaccines;
    const version: ScheduleVersion = {
      id: edition.id,
      name: edition.name,
      effective: edition.effective,
      effectiveDay: parseDay(edition.effective)!,
      catchUpBefore: duration(edition.catchUpBefore),
      overdueAfter: duration(edition.overdueAfter),
      series: edition.series.map(compileSeries),
    };
    checkSeriesOrder(version);
    versions.push(version);
  }
  if (!vaccines || versions.length === 0) throw new ScheduleDataError('没有免疫程序数据');
  versions.sort((a, b) => a.effectiveDay - b.effectiveDay);

  const shape = shapeOf(versions[0]!);
  for (const v of versions) {
    if (shapeOf(v) !== shape) throw new ScheduleDataError(`${v.id} 的系列、替代疫苗或剂次数与 ${versions[0]!.id} 不一致：${shapeOf(v)}`);
  }
  const catalog = new Map(vaccines.map((v) => [v.code, v]));
  const placeOf = new Map<VaccineCode, { series: number; option: number }>();
  versions[0]!.series.forEach((s, series) =>
    s.options.forEach((o, option) => {
      for (const code of o.members) {
        if (placeOf.has(code)) throw new ScheduleDataError(`疫苗 ${code} 属于不止一个系列`);
        placeOf.set(code, { series, option });
      }
    }),
  );
  for (const v of versions) {
    for (const s of v.series) {
      for (const o of s.options) {
        for (const variant of o.variants) {
          if (variant.doses.some((d) => !o.members.has(d.vaccine))) throw new ScheduleDataError(`${v.id}：${o.id} 的变体 ${variant.when} 使用了不属于该系列的疫苗`);
        }
      }
    }
  }
  for (const code of VACCINE_CODES) {
    if (!catalog.has(code)) throw new ScheduleDataError(`疫苗目录缺少 ${code}`);
    if (!placeOf.has(code)) throw new ScheduleDataError(`疫苗 ${code} 不属于任何系列`);
  }
  return { versions, vaccines: catalog, placeOf };
}

const forChildCache = new WeakMap<ScheduleSet, Map<string, ScheduleSet>>();

/**
 * The schedules as they apply to a child with these conditions: each alternative's first variant for a condition the
 * child has replaces its doses, and each dose's `when` rules for those conditions tighten its timely limit and add
 * their note. Without conditions, the set itself. Cached: there are few combinations.
 */
export function scheduleForChild(set: ScheduleSet, conditions: readonly ChildCondition[]): ScheduleSet {
  if (conditions.length === 0) return set;
  const has = new Set(conditions);
  const key = CHILD_CONDITIONS.filter((c) => has.has(c)).join(',');
  let cache = forChildCache.get(set);
  if (!cache) forChildCache.set(set, (cache = new Map()));
  const cached = cache.get(key);
  if (cached) return cached;

  const adapt = (d: DoseRule): DoseRule => {
    const rules = d.when.filter((w) => has.has(w.condition));
    if (rules.length === 0) return d;
    const notes = [d.note, ...rules.map((w) => w.note)].filter((n) => n !== undefined);
    return { ...d, timelyBefore: rules.find((w) => w.timelyBefore)?.timelyBefore ?? d.timelyBefore, note: notes.length > 0 ? notes.join('；') : undefined };
  };
  const derived: ScheduleSet = {
    ...set,
    versions: set.versions.map((v) => ({
      ...v,
      series: v.series.map((s) => ({
        ...s,
        options: s.options.map((o) => {
          const variant = o.variants.find((x) => has.has(x.when));
          return { ...o, name: variant?.name ?? o.name, doses: (variant?.doses ?? o.doses).map(adapt), variants: [] };
        }),
      })),
    })),
  };
  cache.set(key, derived);
  return derived;
}
