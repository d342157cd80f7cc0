import { invalid } from '../errors.ts';
import type { Sex } from '../db/schema.ts';

// Resident identity number, GB 11643-1999: area 6 + birth date 8 + sequence 3 (odd = male) + check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export interface ResidentId {
  idNumber: string;
  areaCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Builds a valid 18-character number (the demo county and tests need many). */
export function makeResidentId(areaCode6: string, birthDate: string, sequence: number): string {
  const first17 = `${areaCode6}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** An old 15-digit number (6 + YYMMDD + 3) as its 18-character form: insert "19", add the check character. */
export function convertFifteen(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkCharacter(first17);
}

function isRealDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/**
 * Validates a resident ID as typed (spaces ignored, lower-case x accepted, 15 digits converted)
 * and returns what it encodes. Throws a Chinese message naming the field on any fault.
 */
export function parseResidentId(raw: string, field = 'idNumber', today: string = new Date().toISOString().slice(0, 10)): ResidentId {
  let id = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{15}$/.test(id)) id = convertFifteen(id);
  if (!/^\d{17}[\dX]$/.test(id)) {
    throw invalid(field, `身份证号「${raw}」格式不正确：应为 18 位（最后一位可为 X）或旧版 15 位数字`, 'invalid_id_number');
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1880-01-01' || birthDate > today) {
    throw invalid(field, `身份证号「${raw}」中的出生日期 ${birthDate} 无效`, 'invalid_id_number');
  }
  const expected = checkCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    throw invalid(field, `身份证号「${raw}」校验位错误（应为 ${expected}），请核对是否输错`, 'invalid_id_checksum');
  }
  return { idNumber: id, areaCode: id.slice(0, 6), birthDate, sex: Number(id[16]) % 2 === 1 ? 'M' : 'F' };
}

/**
 * Reconciles an ID with the sex and birth date typed beside it: fills what is missing,
 * refuses what contradicts. Without an ID (a newborn), both must be typed.
 */
export function reconcileIdentity(input: { idNumber?: string | null; sex?: Sex | null; birthDate?: string | null }, fieldPrefix = ''): {
  idNumber: string | null;
  sex: Sex;
  birthDate: string;
} {
  const f = (name: string) => `${fieldPrefix}${name}`;
  if (!input.idNumber) {
    if (!input.sex) throw invalid(f('sex'), '没有身份证号时必须填写性别');
    if (!input.birthDate || !isRealDate(input.birthDate)) throw invalid(f('birthDate'), '没有身份证号时必须填写有效的出生日期（YYYY-MM-DD）');
    return { idNumber: null, sex: input.sex, birthDate: input.birthDate };
  }
  const id = parseResidentId(input.idNumber, f('idNumber'));
  if (input.birthDate && input.birthDate !== id.birthDate) {
    throw invalid(f('birthDate'), `出生日期 ${input.birthDate} 与身份证号中的 ${id.birthDate} 不一致`, 'birth_date_mismatch');
  }
  if (input.sex && input.sex !== id.sex) {
    throw invalid(f('sex'), `性别「${input.sex === 'M' ? '男' : '女'}」与身份证号（${id.sex === 'M' ? '男' : '女'}）不一致`, 'sex_mismatch');
  }
  return { idNumber: id.idNumber, sex: id.sex, birthDate: id.birthDate };
}
