// Tables of 传染病报告卡 (cards).
export interface ReportCardTables {}
