// Tables of 就诊数据接入 (intake).
export interface VisitTables {}
