import type { Sex } from '../db/schema.ts';
import type { Relation } from '../people/relations.ts';
import { drawGivenName, drawSurname } from './names.ts';
import { weighted, type Random, type Weighted } from './random.ts';

// Household composition (户的构成) of a rural Chinese county with an ageing population:
// empty-nest elderly, nuclear families, three generations, grandparents raising left-behind
// children (留守儿童) while the parents work in the cities.

/** The sex a relation implies, where it does; 户主 and 配偶 depend on the person. */
export const RELATION_SEX: Partial<Record<Relation, Sex>> = {
  son: 'M',
  daughter: 'F',
  daughter_in_law: 'F',
  son_in_law: 'M',
};

export interface MemberDraft {
  /** Relation to the head of household (与户主关系), as its code. */
  relation: Relation;
  surname: string;
  name: string;
  sex: Sex;
  /** Age in whole years at the generation date. */
  age: number;
  /** Married into the family (配偶、儿媳、女婿): more often born in another county. */
  marriedIn: boolean;
}

type Setting = 'urban' | 'rural';

/** What every builder needs: the random source, the family surname and the year the ages count from. */
interface Family {
  random: Random;
  surname: string;
  year: number;
}

type Builder = (family: Family) => MemberDraft[];

const OLDEST = 99;
const clampAge = (age: number) => Math.min(OLDEST, Math.max(0, age));

function person({ random, year }: Family, relation: Relation, sex: Sex, age: number, surname: string, marriedIn = false): MemberDraft {
  const a = clampAge(age);
  return { relation, sex, age: a, surname, name: surname + drawGivenName(random, sex, year - a), marriedIn };
}

/** A wife is usually 0-4 years younger than her husband. */
const wifeAge = (random: Random, husbandAge: number) => husbandAge - random.int(-1, 4);

/** The head and spouse of a couple household; in the register the husband is usually the head. */
function couple(f: Family, headAge: number, maleHeadShare: number): MemberDraft[] {
  const husband = (relation: Relation) => person(f, relation, 'M', headAge, f.surname, relation === 'spouse');
  const wife = (relation: Relation) => person(f, relation, 'F', wifeAge(f.random, headAge), drawSurname(f.random), relation === 'spouse');
  return f.random.chance(maleHeadShare) ? [husband('head'), wife('spouse')] : [wife('head'), husband('spouse')];
}

/** Children of a mother of the given age: born when she was 21-30, then a few years apart. */
function children(f: Family, motherAge: number, count: number, relations: [Relation, Relation] = ['son', 'daughter']): MemberDraft[] {
  const out: MemberDraft[] = [];
  let age = motherAge - f.random.int(21, 30);
  for (let i = 0; i < count && age >= 0; i++) {
    const boy = f.random.chance(0.52);
    out.push(person(f, boy ? relations[0] : relations[1], boy ? 'M' : 'F', age, f.surname));
    age -= f.random.int(1, 6);
  }
  return out;
}

/** The head's surviving parents living with them (widowed mothers most often). */
function parents(f: Family, head: MemberDraft): MemberDraft[] {
  const fatherAge = head.age + f.random.int(24, 34);
  const which = f.random.next();
  const out: MemberDraft[] = [];
  if (which < 0.6 && fatherAge <= OLDEST) out.push(person(f, 'parent', 'M', fatherAge, head.surname));
  if (which > 0.25 || out.length === 0) out.push(person(f, 'parent', 'F', wifeAge(f.random, fatherAge), drawSurname(f.random)));
  return out;
}

const wifeIn = (members: MemberDraft[]) => members.find((m) => m.sex === 'F')!;

function grandchildren(f: Family, count: number): MemberDraft[] {
  const out: MemberDraft[] = [];
  for (let i = 0; i < count; i++) {
    const boy = f.random.chance(0.53);
    out.push(person(f, 'grandchild', boy ? 'M' : 'F', f.random.int(0, 15), f.surname));
  }
  return out;
}

const BUILDERS: Record<string, { weight: Record<Setting, number>; build: Builder }> = {
  // 空巢/独居老人: mostly widows.
  elderlySingle: {
    weight: { urban: 7, rural: 9 },
    build: (f) => {
      const female = f.random.chance(0.65);
      return [person(f, 'head', female ? 'F' : 'M', f.random.int(65, 92), female ? drawSurname(f.random) : f.surname)];
    },
  },
  elderlyCouple: {
    weight: { urban: 9, rural: 11 },
    build: (f) => couple(f, f.random.int(60, 86), 0.95),
  },
  single: {
    weight: { urban: 12, rural: 9 },
    build: (f) => {
      const male = f.random.chance(0.62);
      return [person(f, 'head', male ? 'M' : 'F', f.random.int(20, 59), male ? f.surname : drawSurname(f.random))];
    },
  },
  couple: {
    weight: { urban: 13, rural: 10 },
    build: (f) => couple(f, f.random.int(23, 59), 0.85),
  },
  nuclear: {
    weight: { urban: 35, rural: 23 },
    build: (f) => {
      const members = couple(f, f.random.int(26, 55), 0.85);
      const count = f.random.int(1, f.random.chance(0.1) ? 3 : 2);
      return [...members, ...children(f, wifeIn(members).age, count)];
    },
  },
  // 三代同堂, the head's parents living in.
  withParents: {
    weight: { urban: 9, rural: 11 },
    build: (f) => {
      const members = couple(f, f.random.int(30, 52), 0.92);
      return [...members, ...children(f, wifeIn(members).age, f.random.int(1, 2)), ...parents(f, members[0]!)];
    },
  },
  // 三代同堂, a married son with his wife and children living with his parents.
  withMarriedSon: {
    weight: { urban: 5, rural: 15 },
    build: (f) => {
      const members = couple(f, f.random.int(48, 66), 0.95);
      const sonAge = Math.max(22, wifeIn(members).age - f.random.int(22, 30));
      const son = person(f, 'son', 'M', sonAge, f.surname);
      const daughterInLaw = person(f, 'daughter_in_law', 'F', wifeAge(f.random, sonAge), drawSurname(f.random), true);
      return [...members, son, daughterInLaw, ...children(f, daughterInLaw.age, f.random.int(1, f.random.chance(0.2) ? 3 : 2), ['grandchild', 'grandchild'])];
    },
  },
  // 隔代家庭: grandparents raising grandchildren whose parents work away.
  leftBehind: {
    weight: { urban: 2, rural: 7 },
    build: (f) => {
      const headAge = f.random.int(52, 74);
      const members = f.random.chance(0.8) ? couple(f, headAge, 0.95) : [person(f, 'head', 'F', headAge, drawSurname(f.random))];
      return [...members, ...grandchildren(f, f.random.int(1, 2))];
    },
  },
  singleParent: {
    weight: { urban: 5, rural: 3 },
    build: (f) => {
      const female = f.random.chance(0.7);
      const headAge = f.random.int(28, 55);
      const head = person(f, 'head', female ? 'F' : 'M', headAge, female ? drawSurname(f.random) : f.surname);
      return [head, ...children(f, female ? headAge : wifeAge(f.random, headAge), f.random.int(1, 2))];
    },
  },
};

const MIX: Record<Setting, Weighted<Builder>> = {
  urban: weighted(Object.values(BUILDERS).map((b) => [b.build, b.weight.urban] as const)),
  rural: weighted(Object.values(BUILDERS).map((b) => [b.build, b.weight.rural] as const)),
};

/**
 * The members of one household, head first. The family surname comes from the village's
 * surnames; ages count from the given year.
 */
export function drawHousehold(random: Random, urban: boolean, surnames: Weighted<string>, year: number): MemberDraft[] {
  const family: Family = { random, surname: surnames.draw(random), year };
  return MIX[urban ? 'urban' : 'rural'].draw(random)(family);
}
