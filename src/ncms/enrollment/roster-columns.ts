/** The village roster (花名册) workbook: its columns, shared by the template and the import. */
export const ROSTER_COLUMNS = [
  { key: 'householdNo', header: '户编号', required: false, width: 8, hint: '四位户编号，可不填；填写时须与人口信息一致' },
  { key: 'headName', header: '户主姓名', required: false, width: 10, hint: '可不填；填写时须与人口信息中的户主一致' },
  { key: 'name', header: '姓名', required: true, width: 10, hint: '须与人口信息中的姓名一致' },
  { key: 'idNumber', header: '身份证号', required: true, width: 21, hint: '18 位身份证号，请以文本格式填写' },
  { key: 'relation', header: '与户主关系', required: false, width: 10, hint: '仅供核对，不导入' },
  { key: 'category', header: '参合类别', required: true, width: 10, hint: '见下表' },
  { key: 'amount', header: '缴费金额', required: false, width: 10, hint: '元；自缴须等于当年个人缴费标准，代缴可填 0 或不填' },
  { key: 'receiptNo', header: '收据号', required: false, width: 14, hint: '缴费收据编号' },
] as const;

export type RosterKey = (typeof ROSTER_COLUMNS)[number]['key'];
export const ROSTER_HEADER: Record<RosterKey, string> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<RosterKey, string>;
export const ROSTER_SHEET_NAME = '花名册';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
