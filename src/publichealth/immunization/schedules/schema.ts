/**
 * Shape of the schedule data files, checked with zod when the schedules are loaded: a full edition (版本), or a
 * change that replaces whole series of an earlier edition from its effective date.
 * Ages and intervals are ISO 8601 durations ("P0D" at birth, "P2M", "P18M", "P4Y", "P28D").
 */
import { z } from 'zod';
import { parseDuration } from '../calendar.ts';
import { isRealDate } from '../../../core/dates.ts';

export const VACCINE_CODES = ['HepB', 'BCG', 'IPV', 'bOPV', 'DTaP', 'DT', 'MMR', 'JE-L', 'JE-I', 'MPSV-A', 'MPSV-AC', 'HepA-L', 'HepA-I'] as const;
export type VaccineCode = (typeof VACCINE_CODES)[number];

/** What is known about a child that changes its schedule (HepB: mother HBsAg-positive, birth weight under 2000 g). */
export const CHILD_CONDITIONS = ['mother_hbsag_positive', 'birth_weight_under_2000g'] as const;
export type ChildCondition = (typeof CHILD_CONDITIONS)[number];
const condition = z.enum(CHILD_CONDITIONS);

const duration = z.string().refine((s) => parseDuration(s) !== undefined, { message: '应为 ISO 8601 时长，如 P2M、P4Y、P28D' });
const date = z.string().refine(isRealDate, { message: '应为有效日期 YYYY-MM-DD' });
const code = z.enum(VACCINE_CODES);

/** Facts the domain reference tags [U] (unverified): listed per dose so they can be checked and then removed. */
const unverified = z.array(z.enum(['minAge', 'minInterval', 'timelyBefore', 'maxAge', 'after'])).default([]);

export const vaccineSchema = z.object({
  code,
  name: z.string().min(1),
  /** 活疫苗 / 灭活疫苗 */
  live: z.boolean(),
  /** 注射 / 口服: the ≥28-day rule applies to live injectable vaccines only */
  route: z.enum(['injection', 'oral']),
});

export const doseSchema = z.object({
  /** The product proposed for this dose. */
  vaccine: code,
  minAge: duration,
  /** Minimum interval from the previous dose of the same series. */
  minInterval: duration.optional(),
  /** 及时接种: given before this age. Without it, the edition's `overdueAfter` grace after the due age applies. */
  timelyBefore: duration.optional(),
  /** Not given at or after this age (catch-up limit); the edition's `catchUpBefore` applies to every dose anyway. */
  maxAge: duration.optional(),
  /** What to give instead once `maxAge` is reached (shown in the reason). */
  instead: code.optional(),
  /** Minimum interval from the last dose of another series (MPSV-AC ≥12 months after MPSV-A). */
  after: z.array(z.object({ series: z.string(), interval: duration })).default([]),
  /** From this age the dose needs a test first (BCG from 3 months: negative PPD). */
  testFrom: z.object({ age: duration, note: z.string().min(1) }).optional(),
  /** Shown with the dose while it is missing. */
  note: z.string().min(1).optional(),
  /** A stricter timely limit and a note for children with a condition (HepB dose 1 within 12 h + HBIG). */
  when: z.array(z.object({ condition, timelyBefore: duration.optional(), note: z.string().min(1).optional() })).default([]),
  unverified,
});

export const optionSchema = z.object({
  /** For alternatives, the vaccine code of the series (JE-L / JE-I); otherwise the series id. */
  id: z.string().min(1),
  name: z.string().min(1),
  doses: z.array(doseSchema).min(1),
  /** Other products counted as doses of this series when given (DT in the DTaP series from 2025, for catch-up). */
  alsoAccepts: z.array(code).default([]),
  /** Another dose list for children with a condition; the first that applies replaces `doses`. */
  variants: z.array(z.object({ when: condition, name: z.string().min(1), doses: z.array(doseSchema).min(1) })).default([]),
});

export const seriesSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Alternatives (JE-L vs JE-I): the first is the default for a child who has started none of them. */
  options: z.array(optionSchema).min(1),
});

export const editionSchema = z.object({
  kind: z.literal('edition'),
  id: z.string().min(1),
  name: z.string().min(1),
  effective: date,
  verifiedEffective: z.boolean().default(true),
  /** 补种 applies to children under this age. */
  catchUpBefore: duration,
  /** A dose with no timely limit is timely (and not yet overdue) until this long after its due age. */
  overdueAfter: duration,
  vaccines: z.array(vaccineSchema).min(1),
  series: z.array(seriesSchema).min(1),
});

export const changeSchema = z.object({
  kind: z.literal('change'),
  id: z.string().min(1),
  name: z.string().min(1),
  effective: date,
  basedOn: z.string().min(1),
  /** Whole series replacing the series with the same id in the edition it is based on. */
  series: z.array(seriesSchema).min(1),
});

export const scheduleDocumentSchema = z.discriminatedUnion('kind', [editionSchema, changeSchema]);

export type DoseDocument = z.input<typeof doseSchema>;
export type EditionDocument = z.input<typeof editionSchema>;
export type ChangeDocument = z.input<typeof changeSchema>;
export type ScheduleDocument = z.input<typeof scheduleDocumentSchema>;
export type Edition = z.output<typeof editionSchema>;
export type SeriesDocument = z.output<typeof seriesSchema>;
