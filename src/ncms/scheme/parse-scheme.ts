/**
 * parseScheme: a scheme document (already JSON-parsed) → the typed fen-based Scheme, or every problem found.
 *
 * Unknown keys are accepted and ignored with a warning: the format grows by optional fields (tiered ratios,
 * 单病种包干, …) and a v1 engine must still read a newer document's v1 fields. Keys that v1 forbids at a place
 * (unreferredRatio below county level, outpatient county/outside) are problems instead, because a clerk who wrote
 * them expects them to apply.
 */
import { z } from 'zod';
import { buildSchemeSchema } from './schema.ts';
import type { Scheme, SchemeProblem } from './types.ts';

export type SchemeParse =
  | { ok: true; scheme: Scheme; warnings: SchemeProblem[] }
  | { ok: false; problems: SchemeProblem[]; warnings: SchemeProblem[] };

const strict = buildSchemeSchema(z.strictObject);
const lenient = buildSchemeSchema(z.object as typeof z.strictObject);

/** "inpatient.county.ratio", "chronic.diseases[2]". */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** 「inpatient.county.ratio：报销比例应在 0 到 1 之间，收到 1.5」 */
export const formatProblem = (p: SchemeProblem): string => (p.path ? `${p.path}：${p.message}` : p.message);

/** `json` is the parsed document, or its text. */
export function parseScheme(json: unknown): SchemeParse {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (e) {
      return { ok: false, problems: [{ path: '', message: `方案文件不是有效的 JSON：${(e as Error).message}` }], warnings: [] };
    }
  }
  const checked = strict.safeParse(json);
  if (checked.success) return { ok: true, scheme: checked.data, warnings: [] };
  const problems: SchemeProblem[] = [];
  const warnings: SchemeProblem[] = [];
  for (const issue of checked.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        warnings.push({ path: jsonPath([...issue.path, key]), message: '未识别的字段（格式 v1 不使用），已忽略' });
      }
    } else {
      problems.push({ path: jsonPath(issue.path), message: issue.message });
    }
  }
  if (problems.length > 0) return { ok: false, problems, warnings };
  return { ok: true, scheme: lenient.parse(json), warnings };
}
