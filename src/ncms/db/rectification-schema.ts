// Tables of NCMS 审计整改 (rectification).
export interface RectificationTables {}
