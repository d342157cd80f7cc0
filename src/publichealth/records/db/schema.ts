/** Tables of the health records module (居民健康档案); filled as its migrations add them. */
export interface RecordsTables {}
