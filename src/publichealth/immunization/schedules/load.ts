/**
 * Loads the schedule documents: validates each with zod, applies changes on top of the edition they are based on,
 * checks the versions line up dose by dose (the engine picks a version per dose, so every version must have the
 * same series, alternatives and dose count), and parses the durations once.
 */
import { z } from 'zod';
import { parseDuration, parseDay, type Day, type Duration } from '../calendar.ts';
import { scheduleDocumentSchema, VACCINE_CODES, type Edition, type SeriesDocument, type VaccineCode } from './schema.ts';

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
  unverified: string[];
}

export interface SeriesOption {
  id: string;
  name: string;
  doses: DoseRule[];
  /** Products whose doses count in this option: the dose products and `alsoAccepts`. */
  members: ReadonlySet<VaccineCode>;
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

function compileSeries(doc: SeriesDocument): Series {
  return {
    id: doc.id,
    name: doc.name,
    options: doc.options.map((o) => ({
      id: o.id,
      name: o.name,
      members: new Set([...o.doses.map((d) => d.vaccine), ...o.alsoAccepts]),
      doses: o.doses.map((d) => ({
        vaccine: d.vaccine,
        minAge: duration(d.minAge),
        minInterval: d.minInterval === undefined ? undefined : duration(d.minInterval),
        timelyBefore: d.timelyBefore === undefined ? undefined : duration(d.timelyBefore),
        maxAge: d.maxAge === undefined ? undefined : duration(d.maxAge),
        instead: d.instead,
        after: d.after.map((a) => ({ series: a.series, interval: duration(a.interval) })),
        testFrom: d.testFrom && { age: duration(d.testFrom.age), note: d.testFrom.note },
        unverified: d.unverified,
      })),
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
  return version.series.map((s) => `${s.id}[${s.options.map((o) => `${o.id}×${o.doses.length}:${[...o.members].sort()}`).join('|')}]`).join(' ');
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
  for (const code of VACCINE_CODES) {
    if (!catalog.has(code)) throw new ScheduleDataError(`疫苗目录缺少 ${code}`);
    if (!placeOf.has(code)) throw new ScheduleDataError(`疫苗 ${code} 不属于任何系列`);
  }
  return { versions, vaccines: catalog, placeOf };
}
