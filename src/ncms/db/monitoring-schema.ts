// Tables of NCMS 监测与预警 (monitoring).
export interface MonitoringTables {}
