// Tables of supervision and assessment (督导考核): indicators' monthly values, targets, scoring, bulletins, inspections.
export interface SupervisionTables {}
