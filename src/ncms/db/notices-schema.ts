// Tables of NCMS 村级公示 (notices).
export interface NoticeTables {}
