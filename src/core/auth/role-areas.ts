import type { AreaLevel } from '../db/schema.ts';
import type { Role } from './roles.ts';

/**
 * The level of area each role's scope must be: a village doctor sees one village or community,
 * township staff one township or street, the bureau, NCMS office, CDC and auditors the county.
 */
export const ROLE_AREA_LEVEL: Record<Role, AreaLevel> = {
  bureau_admin: 'county',
  ncms_clerk: 'county',
  township_staff: 'township',
  village_doctor: 'village',
  institution_clerk: 'county',
  hospital_doctor: 'county', // a designated hospital treats patients from the whole county
  cdc_staff: 'county',
  auditor: 'county',
};
