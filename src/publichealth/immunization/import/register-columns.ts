/** A clinic's old vaccination register (接种登记册) as a workbook: its columns, shared by the template and the import. */
export const REGISTER_COLUMNS = [
  { key: 'name', header: '姓名', required: true, width: 10, hint: '须与人口信息中的姓名一致' },
  { key: 'idNumber', header: '身份证号', required: false, width: 21, hint: '18 位身份证号，请以文本格式填写；没有时填出生日期和村' },
  { key: 'birthDate', header: '出生日期', required: false, width: 12, hint: '没有身份证号时必填，如 2025-03-01' },
  { key: 'village', header: '村', required: false, width: 12, hint: '没有身份证号时必填：户籍村或现居住村（社区）名称' },
  { key: 'vaccine', header: '疫苗', required: true, width: 16, hint: '疫苗代码（如 HepB）或名称（如 乙肝疫苗），见下表' },
  { key: 'dose', header: '剂次', required: true, width: 6, hint: '该疫苗的第几剂：1、2、3…' },
  { key: 'date', header: '接种日期', required: true, width: 12, hint: '如 2025-03-01' },
  { key: 'batchNo', header: '批号', required: false, width: 14, hint: '疫苗批号；本单位库存中有该批号时核对有效期' },
  { key: 'place', header: '接种单位', required: false, width: 20, hint: '不填为本次导入的接种单位；外地接种填写单位名称' },
  { key: 'vaccinator', header: '接种人员', required: false, width: 10, hint: '' },
  { key: 'guardianName', header: '监护人', required: false, width: 10, hint: '尚未建立接种档案的儿童必填（同一儿童填一行即可）' },
  { key: 'guardianPhone', header: '联系电话', required: false, width: 14, hint: '监护人电话' },
] as const;

export type RegisterKey = (typeof REGISTER_COLUMNS)[number]['key'];
export const REGISTER_HEADER = Object.fromEntries(REGISTER_COLUMNS.map((c) => [c.key, c.header])) as Record<RegisterKey, string>;
export const REGISTER_SHEET_NAME = '接种登记册';
export const MAX_REGISTER_ROWS = 20_000;
