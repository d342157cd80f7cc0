import { PERSON_STATUS_NAMES } from '../../core/people/relations.ts';

export { RELATIONS, RELATION_NAMES, SEX_NAMES } from '../../core/people/relations.ts';

// How values are shown: times in the county's own zone (Asia/Shanghai), codes as their Chinese names.

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An ISO timestamp as Beijing time, e.g. "2026/11/23 20:38:50"; empty for none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : TIME.format(date);
}

/** Today's date in Beijing as YYYY-MM-DD (the server's dates are calendar dates there). */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

const STATUS_COLORS: Record<keyof typeof PERSON_STATUS_NAMES, string> = { alive: 'green', deceased: 'default', moved_out: 'orange' };
export const PERSON_STATUS: Record<string, { name: string; color: string }> = Object.fromEntries(
  Object.entries(STATUS_COLORS).map(([status, color]) => [status, { name: PERSON_STATUS_NAMES[status as keyof typeof STATUS_COLORS], color }]),
);

export const AREA_KIND_NAMES: Record<string, string> = {
  county: '县（区）',
  street: '街道',
  town: '镇',
  township: '乡',
  community: '社区',
  village: '村',
};

export const AREA_CHANGE_NAMES: Record<string, string> = {
  create: '设立',
  rename: '更名',
  recode: '代码变更',
  merge: '合并',
  split: '拆分',
};

// 审计日志: what was done, and to what.
export const AUDIT_ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  status: '状态变更',
  rename: '更名',
  recode: '代码变更',
  merge: '合并',
  split: '拆分',
  login: '登录',
  deactivate: '停用',
  reset_password: '重置密码',
  change_password: '修改密码',
  export: '导出',
  import: '导入',
  generate: '生成',
};

export const AUDIT_ENTITIES: Record<string, string> = {
  person: '居民',
  household: '家庭户',
  area: '行政区划',
  institution: '医疗机构',
  staff: '机构人员',
  app_user: '系统用户',
  demo_county: '演示数据',
};

export function nameOf(table: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (!code) return '';
  return table[code] ?? code;
}
