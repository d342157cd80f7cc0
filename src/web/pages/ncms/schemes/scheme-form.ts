// The scheme editor's form values and the scheme document (format jiceng.ncms.scheme/v1) they stand for.
// The form holds the v1 fields only, as typed (yuan, decimal ratios); everything else in the document (fields of a
// newer format, notes) is kept from the document being edited, in its author's key order. No checking here: the
// server checks the document and names every problem, which lands on the field of the same path.
import { LEVELS, OUTPATIENT_LEVELS, SCHEME_FORMAT, type Level, type OutpatientLevel } from '../../../../ncms/scheme/types.ts';

export { LEVELS, OUTPATIENT_LEVELS, SCHEME_FORMAT, type Level, type OutpatientLevel };

/** A figure as the clerk typed it: a number, or text the server will quote back if it is not one. */
export type Figure = number | string | null | undefined;

export interface InpatientLevelForm {
  covered: boolean;
  deductible?: Figure;
  ratio?: Figure;
  unreferredRatio?: Figure;
}

export interface OutpatientLevelForm {
  covered: boolean;
  ratio?: Figure;
  perVisitCap?: Figure;
}

export interface SchemeForm {
  pool?: string;
  year?: Figure;
  financing: { individual?: Figure; government?: Figure };
  inpatient: Record<Level, InpatientLevelForm>;
  outpatient: Record<OutpatientLevel, OutpatientLevelForm> & { annualCap?: Figure };
  chronic: { diseases: string[]; annualCap?: Figure };
  major: { diseases: string[]; ratio?: Figure; annualCap?: Figure };
  delivery: { fixed?: Figure };
  annualCap?: Figure;
}

export const LEVEL_NAMES: Record<Level, string> = { village: '村级', township: '乡级', county: '县级', outside: '县外' };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objectAt = (value: unknown): Json => (isObject(value) ? value : {});
const figureAt = (value: unknown): Figure => (typeof value === 'number' || typeof value === 'string' ? value : undefined);
const codesAt = (value: unknown): string[] => (Array.isArray(value) ? value.map((code) => String(code)) : []);

/** An empty form for a new scheme: every level covered except the village inpatient level, as most counties do. */
export function emptySchemeForm(): SchemeForm {
  return {
    financing: {},
    inpatient: { village: { covered: false }, township: { covered: true }, county: { covered: true }, outside: { covered: true } },
    outpatient: { village: { covered: true }, township: { covered: true } },
    chronic: { diseases: [] },
    major: { diseases: [] },
    delivery: {},
  };
}

/** Reads any document into the form; what it lacks stays empty (a JSON tab may hold anything). */
export function documentToForm(document: unknown): SchemeForm {
  const doc = objectAt(document);
  const inpatient = objectAt(doc.inpatient);
  const outpatient = objectAt(doc.outpatient);
  const chronic = objectAt(doc.chronic);
  const major = objectAt(doc.major);
  const inpatientLevel = (level: Level): InpatientLevelForm => {
    const entry = inpatient[level];
    if (!isObject(entry)) return { covered: false };
    const form: InpatientLevelForm = { covered: true, deductible: figureAt(entry.deductible), ratio: figureAt(entry.ratio) };
    if (entry.unreferredRatio !== undefined) form.unreferredRatio = figureAt(entry.unreferredRatio);
    return form;
  };
  const outpatientLevel = (level: OutpatientLevel): OutpatientLevelForm => {
    const entry = outpatient[level];
    return isObject(entry) ? { covered: true, ratio: figureAt(entry.ratio), perVisitCap: figureAt(entry.perVisitCap) } : { covered: false };
  };
  return {
    pool: typeof doc.pool === 'string' ? doc.pool : doc.pool === undefined ? undefined : String(doc.pool),
    year: figureAt(doc.year),
    financing: { individual: figureAt(objectAt(doc.financing).individual), government: figureAt(objectAt(doc.financing).government) },
    inpatient: { village: inpatientLevel('village'), township: inpatientLevel('township'), county: inpatientLevel('county'), outside: inpatientLevel('outside') },
    outpatient: { village: outpatientLevel('village'), township: outpatientLevel('township'), annualCap: figureAt(outpatient.annualCap) },
    chronic: { diseases: codesAt(chronic.diseases), annualCap: figureAt(chronic.annualCap) },
    major: { diseases: codesAt(major.diseases), ratio: figureAt(major.ratio), annualCap: figureAt(major.annualCap) },
    delivery: { fixed: figureAt(objectAt(doc.delivery).fixed) },
    annualCap: figureAt(doc.annualCap),
  };
}

/**
 * Writes `fields` over `base`, keeping base's other keys and key order. An empty figure leaves the key out, so the
 * server names it as missing (「缺少起付线」) on that very field.
 */
function merge(base: unknown, fields: Record<string, unknown>): Json {
  const out: Json = { ...objectAt(base) };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === '') delete out[key];
    else out[key] = value;
  }
  return out;
}

/** A typed figure as the document holds it: a number when it reads as one, else the text (the server says what is wrong). */
function figure(value: Figure): number | string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The document the form stands for, built over `base` (the document being edited) so nothing the form lacks is lost. */
export function formToDocument(form: SchemeForm, base: unknown = {}): Json {
  const doc = objectAt(base);
  const inpatientBase = objectAt(doc.inpatient);
  const outpatientBase = objectAt(doc.outpatient);
  const inpatient = Object.fromEntries(
    LEVELS.map((level) => {
      const entry = form.inpatient[level];
      if (!entry?.covered) return [level, null];
      const fields: Json = { deductible: figure(entry.deductible), ratio: figure(entry.ratio) };
      if (level === 'outside') fields.unreferredRatio = figure(entry.unreferredRatio);
      return [level, merge(inpatientBase[level], fields)];
    }),
  );
  const outpatient = Object.fromEntries(
    OUTPATIENT_LEVELS.map((level) => {
      const entry = form.outpatient[level];
      return [level, entry?.covered ? merge(outpatientBase[level], { ratio: figure(entry.ratio), perVisitCap: figure(entry.perVisitCap) }) : null];
    }),
  );
  return merge(doc, {
    format: typeof doc.format === 'string' ? doc.format : SCHEME_FORMAT,
    pool: form.pool?.trim(),
    year: figure(form.year),
    financing: merge(doc.financing, { individual: figure(form.financing.individual), government: figure(form.financing.government) }),
    inpatient: { ...inpatientBase, ...inpatient },
    outpatient: merge(outpatientBase, { ...outpatient, annualCap: figure(form.outpatient.annualCap) }),
    chronic: merge(doc.chronic, { diseases: cleanCodes(form.chronic.diseases), annualCap: figure(form.chronic.annualCap) }),
    major: merge(doc.major, { diseases: cleanCodes(form.major.diseases), ratio: figure(form.major.ratio), annualCap: figure(form.major.annualCap) }),
    delivery: merge(doc.delivery, { fixed: figure(form.delivery.fixed) }),
    annualCap: figure(form.annualCap),
  });
}

/** Disease codes as typed into a tag box: trimmed, blank ones dropped; case is kept (the server explains a lower-case code). */
function cleanCodes(codes: string[] | undefined): string[] {
  return (codes ?? []).map((code) => code.trim()).filter(Boolean);
}

/**
 * The form name path of a problem the server reports: "inpatient.county.ratio" → ['inpatient','county','ratio'],
 * "chronic.diseases[1]" → ['chronic','diseases',1]; the request's "document." prefix is dropped.
 */
export function problemPath(path: string): (string | number)[] {
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return parts[0] === 'document' ? parts.slice(1) : parts;
}
