import { isRealDate } from '../../../core/dates.ts';
import { invalid } from '../../../core/errors.ts';
import type { PersonStatus } from '../../../core/db/schema.ts';
import { findIcd10 } from '../icd10/icd10.ts';
import type { DeathPlace } from '../db/deaths-schema.ts';

export const DEATH_PLACE_NAMES: Record<DeathPlace, string> = {
  hospital: '医疗卫生机构',
  transit: '来院途中',
  home: '家中',
  care_home: '养老服务机构',
  other: '其他场所',
  unknown: '不详',
};

/** The cause lines of the death certificate: a the immediate cause, each next line what led to the one above. */
export const CAUSE_LINES = ['causeA', 'causeB', 'causeC', 'causeD'] as const;
export type CauseLine = (typeof CAUSE_LINES)[number];
const CAUSE_LINE_NAMES: Record<CauseLine, string> = { causeA: '(a) 直接死亡原因', causeB: '(b) 引起(a)的疾病或情况', causeC: '(c) 引起(b)的疾病或情况', causeD: '(d) 引起(c)的疾病或情况' };

export interface DeathInput {
  personId: number;
  deathDate: string;
  place: DeathPlace;
  underlyingIcd10: string;
  causeA?: string | null | undefined;
  causeB?: string | null | undefined;
  causeC?: string | null | undefined;
  causeD?: string | null | undefined;
  institutionId?: number | null | undefined;
}

export interface CheckedDeath {
  deathDate: string;
  place: DeathPlace;
  underlyingIcd10: string;
  causes: Record<CauseLine, string | null>;
}

/** A code that must be a known ICD-10 code, normalised ('i639' → 'I63.9'); a clear error naming the field otherwise. */
function knownCode(field: string, label: string, raw: string): string {
  const entry = findIcd10(raw);
  if (!entry) throw invalid(field, `${label}的 ICD-10 编码「${raw.trim()}」不存在，请按 ICD-10 填写（如 I63.9 脑梗死、C34.9 肺恶性肿瘤）`, 'unknown_icd10');
  return entry.code;
}

/**
 * Checks a death before anything is written: a real date, not after today (the county's day, passed in) nor before the
 * birth; the person not already registered dead, and not recorded dead on another date; every code a known ICD-10 code.
 */
export function checkDeath(input: DeathInput, context: { today: string; person: { name: string; birthDate: string; status: PersonStatus; statusDate: string | null }; registeredOn: string | null }): CheckedDeath {
  const { person } = context;
  if (context.registeredOn !== null) {
    throw invalid('personId', `${person.name} 的死亡已于 ${context.registeredOn} 登记，不能重复登记；如需更正请联系县疾控中心`, 'already_registered');
  }
  if (!isRealDate(input.deathDate)) throw invalid('deathDate', '死亡日期无效，请按 YYYY-MM-DD 填写真实的日期');
  if (input.deathDate > context.today) throw invalid('deathDate', `死亡日期 ${input.deathDate} 晚于今天（${context.today}），请核对`);
  if (input.deathDate < person.birthDate) throw invalid('deathDate', `死亡日期 ${input.deathDate} 早于出生日期 ${person.birthDate}，请核对`);
  if (person.status === 'deceased' && person.statusDate !== input.deathDate) {
    throw invalid('deathDate', `人员信息中 ${person.name} 已于 ${person.statusDate} 死亡，与填写的死亡日期 ${input.deathDate} 不一致；请核对，或先在居民信息中更正`, 'already_dead');
  }
  const underlyingIcd10 = knownCode('underlyingIcd10', '根本死因', input.underlyingIcd10);
  const causes = Object.fromEntries(
    CAUSE_LINES.map((line) => {
      const raw = input[line]?.trim();
      return [line, raw ? knownCode(line, CAUSE_LINE_NAMES[line], raw) : null];
    }),
  ) as Record<CauseLine, string | null>;
  if (!causes.causeA) throw invalid('causeA', '请填写 (a) 直接死亡原因的 ICD-10 编码');
  return { deathDate: input.deathDate, place: input.place, underlyingIcd10, causes };
}
