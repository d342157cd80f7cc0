/**
 * Field-by-field differences between two scheme documents, for the year-to-year comparison (方案对比).
 * Works on the documents as written (yuan, ratios), so the clerk sees the figures they typed.
 */
import { jsonPath } from '../scheme/parse-scheme.ts';

export interface SchemeDifference {
  path: string; // "inpatient.county.ratio", "chronic.diseases[1]"
  old: unknown; // undefined when the field is new
  new: unknown; // undefined when the field was removed
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Leaves that differ, in document order (the old document's keys first, then keys only the new one has). */
export function diffDocuments(oldDoc: unknown, newDoc: unknown, path: PropertyKey[] = []): SchemeDifference[] {
  if (isObject(oldDoc) && isObject(newDoc)) {
    const keys = [...Object.keys(oldDoc), ...Object.keys(newDoc).filter((k) => !(k in oldDoc))];
    return keys.flatMap((k) => diffDocuments(oldDoc[k], newDoc[k], [...path, k]));
  }
  if (Array.isArray(oldDoc) && Array.isArray(newDoc)) {
    const length = Math.max(oldDoc.length, newDoc.length);
    return Array.from({ length }, (_, i) => diffDocuments(oldDoc[i], newDoc[i], [...path, i])).flat();
  }
  return sameValue(oldDoc, newDoc) ? [] : [{ path: jsonPath(path), old: oldDoc, new: newDoc }];
}

/** 400 and "400.00" are the same figure; anything else compares by its JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  const numeric = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) ? Number(v) : null);
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== null && nb !== null) return na === nb;
  return JSON.stringify(a) === JSON.stringify(b);
}
