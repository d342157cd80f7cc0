import ExcelJS from 'exceljs';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { requirePermission } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { AppError } from '../errors.ts';
import { inTransaction } from '../db/in-transaction.ts';
import { cappedCount } from './person-query.ts';
import { personListQuery, type PersonFilter } from './persons.ts';
import { PERSON_STATUS_NAMES, RELATION_NAMES, SEX_NAMES } from './relations.ts';

export const MAX_EXPORT_ROWS = 50_000;

type Row = { [key: string]: string | null };

// Column order and headers of the 人员名单 workbook.
const COLUMNS: Array<{ header: string; key: string; width: number }> = [
  { header: '姓名', key: 'name', width: 10 },
  { header: '身份证号', key: 'idNumber', width: 21 },
  { header: '性别', key: 'sex', width: 6 },
  { header: '出生日期', key: 'birthDate', width: 12 },
  { header: '与户主关系', key: 'relation', width: 12 },
  { header: '状态', key: 'status', width: 8 },
  { header: '状态日期', key: 'statusDate', width: 12 },
  { header: '户编号', key: 'householdNo', width: 8 },
  { header: '所属村（社区）', key: 'areaName', width: 14 },
  { header: '家庭住址', key: 'address', width: 28 },
  { header: '联系电话', key: 'phone', width: 14 },
  { header: '民族', key: 'ethnicity', width: 8 },
];

/**
 * The persons a search would list (same scope and filters), as an .xlsx workbook with Chinese headers.
 * More than MAX_EXPORT_ROWS is refused rather than truncated: a partial list would look complete.
 * The export is audited, since it takes personal data out of the system.
 */
export async function exportPersonsXlsx(
  db: Db,
  actor: Actor,
  filter: PersonFilter,
  maxRows = MAX_EXPORT_ROWS,
): Promise<{ buffer: Buffer; rows: number }> {
  requirePermission(actor, 'people.export');
  const { query, ordered } = await personListQuery(db, actor, filter);
  const { totalCapped } = await cappedCount(db, query, maxRows);
  if (totalCapped) {
    throw new AppError('export_too_large', `导出结果超过 ${maxRows} 行，请按村（社区）或状态缩小范围后再导出`, 400, { field: 'areaId' });
  }
  const rows = await ordered.select(['household.address', 'person.phone', 'person.ethnicity']).execute();

  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const sheet = workbook.addWorksheet('人员名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row: Row = {
      name: r.name,
      idNumber: r.id_number,
      sex: SEX_NAMES[r.sex],
      birthDate: r.birth_date,
      relation: r.relation ? (RELATION_NAMES[r.relation] ?? r.relation) : null,
      status: PERSON_STATUS_NAMES[r.status],
      statusDate: r.status_date,
      householdNo: r.household_no,
      areaName: r.area_name,
      address: r.address,
      phone: r.phone,
      ethnicity: r.ethnicity,
    };
    sheet.addRow(row);
  }
  // IDs and 户编号 are text: Excel must not turn them into numbers (18 digits lose precision).
  for (const key of ['idNumber', 'householdNo', 'phone']) sheet.getColumn(key).numFmt = '@';
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  await inTransaction(db, (trx) =>
    recordAudit(trx, actor, { action: 'export', entity: 'person', areaId: filter.areaId ?? actor.scope.areaId, after: { filter, rows: rows.length } }),
  );
  return { buffer, rows: rows.length };
}
