/**
 * Card numbers by the data standard: the household card number is the 12-digit village code (county 6 + township 3 +
 * village 3) + the household's 4-digit sequence within that village (16 digits); a member's medical number (医疗证号)
 * adds the member's 2-digit number (18 digits). Pure rules; the database keeps what was assigned.
 */
import { invalid } from '../../core/errors.ts';

export const MAX_HOUSEHOLD_SEQ = 9999;
export const MAX_MEMBER_NO = 99;

export function householdCardNo(villageCode: string, seq: number): string {
  if (!/^\d{12}$/.test(villageCode)) throw invalid('areaId', `村级区划代码应为 12 位数字，收到「${villageCode}」`);
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_HOUSEHOLD_SEQ) {
    throw invalid('householdId', `该村的合作医疗证户序号已用完（每村最多 ${MAX_HOUSEHOLD_SEQ} 户）`, 'card_numbers_exhausted');
  }
  return villageCode + String(seq).padStart(4, '0');
}

export function medicalNo(cardNo: string, memberNo: number): string {
  return cardNo + String(memberNo).padStart(2, '0');
}

/** The parts of a 16-digit card number or an 18-digit medical number; null for anything else. */
export function parseCardNo(text: string): { county: string; township: string; village: string; seq: number; memberNo: number | null } | null {
  const m = /^(\d{6})(\d{3})(\d{3})(\d{4})(\d{2})?$/.exec(text);
  if (!m || m[4] === '0000' || m[5] === '00') return null;
  return { county: m[1]!, township: m[2]!, village: m[3]!, seq: Number(m[4]), memberNo: m[5] === undefined ? null : Number(m[5]) };
}

/**
 * Numbers for the members who have none yet: the next numbers after the highest ever given in this household, in the
 * order the members are listed (head first). Numbers already given are never changed or reused, even for members
 * who have left, so a medical number always means the same person.
 */
export function nextMemberNumbers(given: ReadonlyArray<{ personId: number; memberNo: number }>, members: readonly number[]): Array<{ personId: number; memberNo: number }> {
  const numbered = new Set(given.map((g) => g.personId));
  let next = given.reduce((max, g) => Math.max(max, g.memberNo), 0);
  const fresh: Array<{ personId: number; memberNo: number }> = [];
  for (const personId of members) {
    if (numbered.has(personId)) continue;
    numbered.add(personId);
    next += 1;
    if (next > MAX_MEMBER_NO) throw invalid('householdId', `本户成员编号已用完（每户最多 ${MAX_MEMBER_NO} 个编号）`, 'member_numbers_exhausted');
    fresh.push({ personId, memberNo: next });
  }
  return fresh;
}
