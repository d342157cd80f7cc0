/** Tables of the immunization registry (预防接种); filled as its migrations add them. */
export interface ImmunizationTables {}
