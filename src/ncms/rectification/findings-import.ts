/**
 * Importing an audit's findings from .xlsx (审计发现问题清单): all or nothing. Every row is checked first; any bad row
 * refuses the whole file with every problem listed (row, column, what is wrong) and nothing written. Columns by header
 * in the first sheet: 序号*, 问题描述*, 问题类别*, 严重程度*, 责任单位, 整改期限 (the last two together or not at all;
 * a unit is a township's name or an institution's exact name or code).
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { readSheet, cellDate, type SheetColumn } from '../../core/xlsx/read-sheet.ts';
import { villagesWithTownships } from '../../core/areas/village-list.ts';
import { listInstitutions } from '../../core/institutions/institutions.ts';
import type { FindingSeverity } from '../db/rectification-schema.ts';
import { CATEGORIES, SEVERITIES } from './vocabulary.ts';
import { insertFindings, type FindingInput, type ResolvedUnit } from './findings.ts';

type Key = 'number' | 'text' | 'category' | 'severity' | 'unit' | 'deadline';
export const FINDING_COLUMNS: ReadonlyArray<SheetColumn<Key>> = [
  { key: 'number', header: '序号', required: true },
  { key: 'text', header: '问题描述', required: true },
  { key: 'category', header: '问题类别', required: true },
  { key: 'severity', header: '严重程度', required: true },
  { key: 'unit', header: '责任单位', required: false },
  { key: 'deadline', header: '整改期限', required: false },
];
const header = (key: Key) => FINDING_COLUMNS.find((c) => c.key === key)!.header;
const SEVERITY_BY_NAME = new Map(Object.entries(SEVERITIES).map(([code, name]) => [name, code as FindingSeverity]));

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

/** Units by what a clerk writes: township names, institution names and codes. */
async function unitResolver(db: Db, actor: Actor) {
  const townships = new Map<string, { id: number; name: string }>();
  for (const v of await villagesWithTownships(db, actor)) townships.set(v.townshipName, { id: v.townshipId, name: v.townshipName });
  const cache = new Map<string, Omit<ResolvedUnit, 'deadline'> | null>();
  return async (text: string): Promise<Omit<ResolvedUnit, 'deadline'> | null> => {
    if (cache.has(text)) return cache.get(text)!;
    const township = townships.get(text);
    let unit: Omit<ResolvedUnit, 'deadline'> | null = township
      ? { unitKind: 'township', townshipId: township.id, institutionId: null, unitName: township.name, unitAreaId: township.id }
      : null;
    if (!unit) {
      const found = (await listInstitutions(db, actor, { q: text, pageSize: 50 })).items.find((i) => i.name === text || i.code === text);
      if (found) unit = { unitKind: 'institution', townshipId: null, institutionId: found.id, unitName: found.name, unitAreaId: found.areaId };
    }
    cache.set(text, unit);
    return unit;
  };
}

export async function importFindings(db: Db, actor: Actor, auditId: number, file: Buffer): Promise<{ imported: number }> {
  requirePermission(actor, 'ncms.manage');
  const audit = await db.selectFrom('ncms_audit').select('id').where('id', '=', auditId).executeTakeFirst();
  if (!audit) throw notFound('审计');
  const rows = await readSheet(file, FINDING_COLUMNS, {
    what: '问题清单',
    maxRows: 500,
    tooManyHint: '请分批导入',
    emptyCode: 'empty_file',
    tooLargeCode: 'too_many_rows',
  });
  const existing = new Set((await db.selectFrom('ncms_audit_finding').select('number').where('audit_id', '=', auditId).execute()).map((r) => r.number));
  const resolve = await unitResolver(db, actor);
  const problems: RowProblem[] = [];
  const seen = new Map<number, number>();
  const findings: Array<FindingInput & { unit: ResolvedUnit | null }> = [];
  for (const { row, cells, values } of rows) {
    const problem = (key: Key, message: string) => problems.push({ row, column: header(key), message });
    const number = Number(cells.number);
    if (!/^\d+$/.test(cells.number) || number < 1) problem('number', `序号应为正整数，收到「${cells.number}」`);
    else if (seen.has(number)) problem('number', `序号 ${number} 与第 ${seen.get(number)} 行重复`);
    else if (existing.has(number)) problem('number', `本次审计已有序号 ${number} 的问题`);
    else seen.set(number, row);
    if (!cells.text) problem('text', '问题描述不能为空');
    if (!(CATEGORIES as readonly string[]).includes(cells.category)) problem('category', `问题类别应为：${CATEGORIES.join('、')}，收到「${cells.category}」`);
    const severity = SEVERITY_BY_NAME.get(cells.severity);
    if (!severity) problem('severity', `严重程度应为：一般、较重、严重，收到「${cells.severity}」`);
    let unit: ResolvedUnit | null = null;
    if (cells.unit || cells.deadline) {
      const deadline = cellDate(values.deadline, cells.deadline);
      const resolved = cells.unit ? await resolve(cells.unit) : null;
      if (!cells.unit) problem('unit', '填写了整改期限，请同时填写责任单位');
      else if (!resolved) problem('unit', `找不到责任单位「${cells.unit}」：请填写乡镇名称或医疗机构的全称、编码`);
      if (!cells.deadline) problem('deadline', '填写了责任单位，请同时填写整改期限');
      else if (!deadline) problem('deadline', `整改期限「${cells.deadline}」不是有效日期（如 2026-06-30）`);
      if (resolved && deadline) unit = { ...resolved, deadline };
    }
    findings.push({ number, text: cells.text, category: cells.category, severity: severity ?? 'general', unit });
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new AppError('findings_invalid', `问题清单有 ${problems.length} 处错误，未导入任何一条（第 ${first.row} 行「${first.column}」：${first.message}）`, 400, { field: 'file', rows: problems });
  }
  await db.transaction().execute((trx) => insertFindings(trx, actor, auditId, findings));
  return { imported: findings.length };
}

/** The template: the headers, one example row and the allowed values. */
export async function findingsTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const sheet = workbook.addWorksheet('问题清单');
  sheet.columns = [8, 60, 14, 10, 24, 14].map((width) => ({ width }));
  sheet.addRow(FINDING_COLUMNS.map((c) => c.header)).font = { bold: true };
  sheet.addRow([1, '部分乡镇参合费收缴后未及时解缴基金专户', '基金管理', '较重', '东岭镇', '2026-06-30']);
  const help = workbook.addWorksheet('填写说明');
  help.addRow(['序号、问题描述、问题类别、严重程度必填；责任单位与整改期限同时填写或都不填（稍后在系统中分派）。']);
  help.addRow([`问题类别：${CATEGORIES.join('、')}`]);
  help.addRow(['严重程度：一般、较重、严重']);
  help.addRow(['责任单位：乡镇名称，或医疗机构全称、机构编码']);
  help.addRow(['整改期限：日期，如 2026-06-30']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
