// Tables of NCMS 审核 (review).
export interface ReviewTables {}
