
/** The roles a user can hold; what each may do is the table below, not code paths. */
export const ROLES = {
  bureau_admin: '卫健局管理员',
  ncms_clerk: '合管办经办人',
  township_staff: '乡镇卫生院人员',
  village_doctor: '村医',
  institution_clerk: '定点机构结算员', // settlement clerk of a designated institution (e.g. the county hospital)
  hospital_doctor: '医疗机构医生', // reports notifiable diseases and deaths for the institution they work at (防保科)
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
  // 新农合审核: the NCMS office reviews claims the rules select.
  'ncms.review': ['bureau_admin', 'ncms_clerk'],
  // 传染病报告、死亡登记、就诊数据: read by those who supervise or report; reported by the diagnosing institution,
  // checked (审核) by the township centre, confirmed (确认) by the county CDC.
  'disease.read': ['cdc_staff', 'bureau_admin', 'township_staff', 'village_doctor', 'hospital_doctor', 'auditor'],
  'disease.report': ['hospital_doctor', 'township_staff', 'village_doctor', 'cdc_staff'],
  'disease.check': ['township_staff'],
  'disease.confirm': ['cdc_staff'],
  // Visit data from hospital systems and clinic logs: files imported by their institution; API keys issued by the bureau.
  'visits.import': ['hospital_doctor', 'township_staff', 'village_doctor', 'cdc_staff', 'bureau_admin'],
  'visits.keys': ['bureau_admin'],
  // 督导考核: indicators and bulletins are read by everyone who supervises; targets, scoring and publishing are the bureau's.
  'supervision.read': ['bureau_admin', 'ncms_clerk', 'cdc_staff', 'township_staff', 'auditor'],
  'supervision.manage': ['bureau_admin'],
} satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | 'system', permission: Permission): boolean {
  return role === 'system' || (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
