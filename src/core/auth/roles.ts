
/** The roles a user can hold; what each may do is the table below, not code paths. */
export const ROLES = {
  bureau_admin: '卫健局管理员',
  ncms_clerk: '合管办经办人',
  township_staff: '乡镇卫生院人员',
  village_doctor: '村医',
  institution_clerk: '定点机构结算员', // settlement clerk of a designated institution (e.g. the county hospital)
  cdc_staff: '疾控中心人员',
  auditor: '只读审计员',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

const everyone = ROLE_NAMES;
const PERMISSIONS = {
  'people.read': everyone,
  'people.write': ['bureau_admin', 'ncms_clerk', 'township_staff', 'village_doctor'],
  'people.export': ['bureau_admin', 'ncms_clerk', 'township_staff', 'village_doctor', 'cdc_staff', 'auditor'],
  'areas.read': everyone,
  'areas.manage': ['bureau_admin'],
  'institutions.read': everyone,
  'institutions.write': ['bureau_admin'],
  'users.manage': ['bureau_admin'],
  'audit.read': ['bureau_admin', 'auditor'],
  'ncms.read': ['bureau_admin', 'ncms_clerk', 'auditor', 'township_staff'],
  'ncms.manage': ['bureau_admin', 'ncms_clerk'],
  // Contributions are collected village by village (参合 by household): village doctors enroll within their scope.
  'ncms.enroll': ['bureau_admin', 'ncms_clerk', 'township_staff', 'village_doctor'],
  // Settlement at discharge (即时结报) is done at the designated institution the user works at.
  'ncms.settle': ['institution_clerk', 'township_staff', 'village_doctor'],
  // Reversing (冲销) a settled claim is the NCMS office's decision.
  'ncms.reverse': ['bureau_admin', 'ncms_clerk'],
  // 居民健康档案: read by those who supervise or serve residents; kept by the township centre and village doctor.
  'records.read': ['bureau_admin', 'township_staff', 'village_doctor', 'cdc_staff', 'auditor'],
  'records.write': ['township_staff', 'village_doctor'],
  // 预防接种: doses are given and entered at the designated immunization clinics (接种单位: township centres, CDC);
  // village doctors read the register to notify families of due and overdue doses but do not enter doses.
  'immunization.read': ['cdc_staff', 'bureau_admin', 'township_staff', 'village_doctor', 'auditor'],
  'immunization.write': ['cdc_staff', 'township_staff'],
} satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | 'system', permission: Permission): boolean {
  return role === 'system' || (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
