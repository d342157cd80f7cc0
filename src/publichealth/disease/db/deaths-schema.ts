// Tables of 死亡登记与疾病谱 (deaths).
export interface DeathTables {}
