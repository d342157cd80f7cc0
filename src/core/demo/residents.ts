import type { PersonStatus, Sex } from '../db/schema.ts';
import { makeResidentId } from '../people/resident-id.ts';
import type { MemberDraft } from './households.ts';
import { weighted, type Random } from './random.ts';

// What the household register adds to a household member: birth date, resident ID, ethnicity,
// phone, and whether they are still here (alive, deceased, moved out).

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;

/** Children born this recently have no resident ID yet (户口 not yet registered). */
export const NO_ID_DAYS = 120;

// Neighbouring counties of the same prefecture and a few farther away: where the people who
// married in or moved here were first registered.
const OTHER_BIRTHPLACES = ['430721', '430722', '430723', '430724', '430725', '430726', '430781', '430703', '430111', '430902', '431021', '420106'];

const ETHNICITY = weighted<string>([
  ['汉族', 960],
  ['土家族', 25],
  ['苗族', 8],
  ['回族', 4],
  ['侗族', 3],
]);

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '173', '177', '180', '181', '182', '186', '187', '188', '189', '199'];

export function drawMobile(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
}

export function drawLandline(random: Random, areaCode: string): string {
  return `${areaCode}-${random.int(7_000_000, 7_999_999)}`;
}

export const drawEthnicity = (random: Random) => ETHNICITY.draw(random);

/**
 * Hands out resident ID numbers, unique across the county: the 3-digit sequence is drawn at
 * random per area and birth date (odd for men, even for women) and never reused.
 */
export class ResidentIdAllocator {
  private readonly used = new Map<string, Set<number>>();

  constructor(private readonly random: Random) {}

  allocate(areaCode6: string, birthDate: string, sex: Sex): string {
    const key = areaCode6 + birthDate;
    let taken = this.used.get(key);
    if (!taken) this.used.set(key, (taken = new Set()));
    if (taken.size >= 499) throw new Error(`演示数据：${areaCode6} 在 ${birthDate} 出生的人数超过身份证顺序码容量`);
    let sequence: number;
    do {
      sequence = this.random.int(0, 498) + (sex === 'M' ? 1 : 2);
      if (sex === 'M' && sequence % 2 === 0) sequence -= 1;
      if (sex === 'F' && sequence % 2 === 1) sequence += 1;
    } while (taken.has(sequence));
    taken.add(sequence);
    return makeResidentId(areaCode6, birthDate, sequence);
  }
}

export interface Resident {
  relation: MemberDraft['relation'];
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string | null;
  ethnicity: string;
  phone: string | null;
  status: PersonStatus;
  statusDate: string | null;
}

export interface RegisterContext {
  random: Random;
  ids: ResidentIdAllocator;
  /** The generation date as a UTC midnight timestamp: ages and dates count back from it. */
  asOfMs: number;
  countyCode6: string;
  ethnicity: string;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A birth date that makes the person exactly `age` at the generation date. */
export function birthDateFor(random: Random, asOfMs: number, age: number): number {
  const days = Math.floor((age + random.next()) * YEAR_DAYS);
  return asOfMs - days * DAY_MS;
}

/** People who married in, and older people, were more often first registered elsewhere. */
function birthplace(c: RegisterContext, member: MemberDraft, birthYear: number): string {
  const p = member.marriedIn ? (birthYear < 1990 ? 0.25 : 0.12) : birthYear < 1985 ? 0.05 : 0.01;
  return c.random.chance(p) ? c.random.pick(OTHER_BIRTHPLACES) : c.countyCode6;
}

// Yearly chances, roughly: deaths concentrate among the old, moving away among young adults.
function deathChance(age: number): number {
  if (age >= 80) return 0.12;
  if (age >= 65) return 0.04;
  return 0.0012;
}
const moveChance = (age: number) => (age >= 18 && age <= 40 ? 0.038 : 0.0035);

/** Turns a drafted member into a register entry. The head is always alive and resident. */
export function register(c: RegisterContext, member: MemberDraft, isHead: boolean, headPhoneShare: number): Resident {
  const { random } = c;
  const birthMs = birthDateFor(random, c.asOfMs, member.age);
  const birthDate = isoDate(birthMs);
  const registered = c.asOfMs - birthMs >= NO_ID_DAYS * DAY_MS;
  const idNumber = registered ? c.ids.allocate(birthplace(c, member, Number(birthDate.slice(0, 4))), birthDate, member.sex) : null;

  let status: PersonStatus = 'alive';
  if (!isHead && random.chance(deathChance(member.age))) status = 'deceased';
  else if (!isHead && random.chance(moveChance(member.age))) status = 'moved_out';
  const statusDate = status === 'alive' ? null : isoDate(Math.max(birthMs + DAY_MS, c.asOfMs - random.int(1, 3 * 365) * DAY_MS));

  const hasPhone = isHead ? random.chance(headPhoneShare) : member.age >= 16 && member.age <= 70 && random.chance(0.4);
  return {
    relation: member.relation,
    name: member.name,
    sex: member.sex,
    birthDate,
    idNumber,
    ethnicity: c.ethnicity,
    phone: hasPhone ? drawMobile(random) : null,
    status,
    statusDate,
  };
}
