/**
 * The personal basic information sheet of a demo resident: plausible answers by age, sex and whether the village is
 * urban (a street's community or a rural village), drawn from the module's own code lists. Every required item is
 * answered; `leaveEmpty` then takes some out so that completeness varies as it does in a real county.
 */
import { weighted, type Random, type Weighted } from '../../../core/demo/random.ts';
import { addDays } from '../../../core/dates.ts';
import type { BasicInfo } from '../basic-info.ts';
import { DISEASES } from '../code-lists.ts';

export interface DemoResident {
  sex: 'M' | 'F';
  birthDate: string;
  /** Age in whole years on the day the record is opened. */
  age: number;
  urban: boolean;
}

const table = <T>(entries: ReadonlyArray<readonly [T, number]>) => weighted(entries);

const ABO = table([['A', 28], ['B', 24], ['O', 34], ['AB', 8], ['unknown', 6]] as const);
const RH = table([['positive', 88], ['unknown', 11.7], ['negative', 0.3]] as const);
const EDUCATION_OLD = table([['illiterate', 30], ['primary', 45], ['junior_high', 18], ['high_school', 5], ['unknown', 2]] as const);
const EDUCATION_ADULT = table([['primary', 12], ['junior_high', 45], ['high_school', 18], ['secondary_specialised', 7], ['technical', 4], ['college', 8], ['bachelor', 5], ['postgraduate', 0.5]] as const);
const EDUCATION_URBAN = table([['junior_high', 25], ['high_school', 25], ['secondary_specialised', 8], ['technical', 5], ['college', 18], ['bachelor', 16], ['postgraduate', 2]] as const);
const OCCUPATION_RURAL = table([['agriculture', 58], ['production', 12], ['service', 12], ['other', 8], ['clerk', 3], ['professional', 4], ['leader', 1], ['none', 2]] as const);
const OCCUPATION_URBAN = table([['service', 30], ['production', 18], ['professional', 16], ['clerk', 14], ['leader', 3], ['agriculture', 6], ['other', 8], ['none', 5]] as const);
const KITCHEN_RURAL = table([['chimney', 55], ['exhaust_fan', 15], ['range_hood', 20], ['none', 10]] as const);
const KITCHEN_URBAN = table([['range_hood', 80], ['exhaust_fan', 15], ['none', 5]] as const);
const FUEL_RURAL = table([['firewood', 30], ['lpg', 35], ['coal', 15], ['biogas', 8], ['natural_gas', 10], ['other', 2]] as const);
const FUEL_URBAN = table([['natural_gas', 70], ['lpg', 25], ['coal', 5]] as const);
const WATER_RURAL = table([['tap', 70], ['well', 25], ['purified', 3], ['river_lake', 1], ['pond', 1]] as const);
const TOILET_RURAL = table([['sanitary', 45], ['septic', 30], ['flush', 10], ['simple_shed', 12], ['open_pit', 3]] as const);
const LIVESTOCK_RURAL = table([['none', 45], ['separate', 35], ['outdoor', 17], ['indoor', 3]] as const);
const DRUG_ALLERGY = table<string[]>([[[], 93], [['penicillin'], 4], [['sulfonamide'], 1.5], [['streptomycin'], 1], [['other'], 0.5]]);
const EXPOSURE = table<string[]>([[[], 98], [['chemical'], 1.2], [['poison'], 0.4], [['radiation'], 0.4]]);
const DISABILITY = table<string[]>([[[], 95], [['physical'], 2], [['visual'], 1], [['hearing'], 1], [['intellectual'], 0.4], [['speech'], 0.3], [['mental'], 0.3]]);

/** Chronic diseases by age band: [code, share of residents of at least that age who have it]. */
const CHRONIC: ReadonlyArray<readonly [code: string, fromAge: number, share: (age: number) => number]> = [
  ['hypertension', 35, (a) => (a >= 65 ? 0.38 : a >= 50 ? 0.22 : 0.08)],
  ['diabetes', 35, (a) => (a >= 65 ? 0.13 : a >= 50 ? 0.08 : 0.03)],
  ['chd', 45, (a) => (a >= 65 ? 0.06 : 0.02)],
  ['stroke', 50, (a) => (a >= 65 ? 0.04 : 0.01)],
  ['copd', 50, (a) => (a >= 65 ? 0.05 : 0.015)],
  ['hepatitis', 20, () => 0.01],
  ['cancer', 40, (a) => (a >= 65 ? 0.015 : 0.005)],
];
const ICD10 = new Map(DISEASES.map((d) => [d.code as string, d.icd10 as string]));
const SURGERIES = ['阑尾切除术', '胆囊切除术', '疝修补术', '白内障摘除术'];
const TRAUMAS = ['左前臂骨折', '右踝关节扭伤', '头皮裂伤', '右股骨骨折'];
const FAMILY = table<string[]>([[[], 78], [['hypertension'], 14], [['diabetes'], 4], [['hypertension', 'diabetes'], 2], [['stroke'], 1.5], [['cancer'], 0.5]]);

/** A date between two dates (both included); the later one when they are the wrong way round. */
export function dateBetween(random: Random, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return span <= 0 ? to : addDays(from, random.int(0, span));
}

function paymentTypes(random: Random, r: DemoResident): string[] {
  const main = r.urban ? (r.age >= 18 && r.age < 60 && random.chance(0.5) ? 'urban_employee' : 'urban_resident') : 'ncms';
  if (random.chance(0.06)) return [main, 'commercial'];
  if (!r.urban && random.chance(0.03)) return [main, 'poverty_relief'];
  return [main];
}

function maritalStatus(random: Random, age: number): string {
  if (age < 20) return 'single';
  if (age < 30) return random.chance(0.45) ? 'single' : 'married';
  if (age >= 70) return random.chance(0.3) ? 'widowed' : 'married';
  return random.chance(0.04) ? 'divorced' : random.chance(0.03) ? 'single' : 'married';
}

function education(random: Random, r: DemoResident): string {
  if (r.age < 7) return 'unknown';
  if (r.age < 13) return 'primary';
  if (r.age < 16) return 'junior_high';
  if (r.age >= 60) return EDUCATION_OLD.draw(random);
  return (r.urban ? EDUCATION_URBAN : EDUCATION_ADULT).draw(random);
}

function occupation(random: Random, r: DemoResident): string {
  if (r.age < 16 || r.age >= 70) return 'none';
  if (r.age >= 60) return r.urban ? 'none' : random.chance(0.6) ? 'agriculture' : 'none';
  return (r.urban ? OCCUPATION_URBAN : OCCUPATION_RURAL).draw(random);
}

/** The past history up to the day the record is opened: chronic diseases, now and then an operation or an injury. */
function history(random: Random, r: DemoResident, openedOn: string): NonNullable<BasicInfo['history']> {
  const diseases: NonNullable<NonNullable<BasicInfo['history']>['diseases']> = [];
  for (const [code, fromAge, share] of CHRONIC) {
    if (r.age >= fromAge && random.chance(share(r.age))) {
      // Diagnosed some time after the age the disease starts at, before the record was opened.
      const earliest = addDays(r.birthDate, Math.round(fromAge * 365.25));
      diseases.push({ disease: code, icd10: ICD10.get(code)!, diagnosedOn: dateBetween(random, earliest, openedOn) } as (typeof diseases)[number]);
    }
  }
  const adult = addDays(r.birthDate, 18 * 366);
  const event = (names: string[], share: number) =>
    r.age >= 18 && random.chance(share) ? [{ name: random.pick(names), date: dateBetween(random, adult, openedOn) }] : [];
  return {
    diseases,
    surgeries: event(SURGERIES, r.age >= 50 ? 0.08 : 0.03),
    traumas: event(TRAUMAS, 0.03),
    transfusions: r.age >= 18 && random.chance(0.01) ? [{ reason: '手术出血', date: dateBetween(random, adult, openedOn) }] : [],
  };
}

/** Every section of the sheet, every required item answered. */
export function drawBasicInfo(random: Random, r: DemoResident, openedOn: string): BasicInfo {
  const drugAllergies = DRUG_ALLERGY.draw(random);
  const disability = r.age >= 5 ? DISABILITY.draw(random) : [];
  return {
    social: {
      residenceType: random.chance(0.96) ? 'registered' : 'non_registered',
      education: education(random, r),
      occupation: occupation(random, r),
      maritalStatus: maritalStatus(random, r.age),
      paymentTypes: paymentTypes(random, r),
    } as NonNullable<BasicInfo['social']>,
    blood: { abo: ABO.draw(random), rh: RH.draw(random) } as NonNullable<BasicInfo['blood']>,
    allergy: { drugAllergies, ...(drugAllergies.includes('other') ? { drugAllergyOther: '头孢类' } : {}), exposures: EXPOSURE.draw(random) } as NonNullable<BasicInfo['allergy']>,
    history: history(random, r, openedOn),
    family: {
      father: FAMILY.draw(random),
      mother: FAMILY.draw(random),
      siblings: r.age >= 30 ? FAMILY.draw(random) : [],
      children: [],
      geneticDiseases: [],
    } as NonNullable<BasicInfo['family']>,
    disability: { kinds: disability } as NonNullable<BasicInfo['disability']>,
    living: (r.urban
      ? { kitchenExhaust: KITCHEN_URBAN.draw(random), fuel: FUEL_URBAN.draw(random), water: 'tap', toilet: 'flush', livestock: 'none' }
      : { kitchenExhaust: KITCHEN_RURAL.draw(random), fuel: FUEL_RURAL.draw(random), water: WATER_RURAL.draw(random), toilet: TOILET_RURAL.draw(random), livestock: LIVESTOCK_RURAL.draw(random) }) as NonNullable<BasicInfo['living']>,
  };
}

/** The required items clerks most often leave empty (section.field, as in REQUIRED_ITEMS), weighted. */
const OFTEN_EMPTY = table([
  ['blood.rh', 20], ['blood.abo', 12], ['family.siblings', 10], ['family.children', 10], ['family.geneticDiseases', 8],
  ['history.transfusions', 8], ['history.traumas', 6], ['allergy.exposures', 6], ['living.livestock', 6],
  ['living.kitchenExhaust', 6], ['record.responsibleDoctor', 6], ['social.paymentTypes', 4], ['social.occupation', 4],
] as const);
const HOW_MANY: Weighted<number> = table([[1, 50], [2, 25], [3, 15], [5, 10]] as const);

/**
 * Takes one to five of the often forgotten required items out of the sheet (a 有/无 list taken out means "not asked").
 * Returns the items taken out (section.field, sorted) and whether the responsible doctor was one of them (a record
 * field, not a section).
 */
export function leaveEmpty(random: Random, info: BasicInfo): { noDoctor: boolean; emptied: string[] } {
  const emptied = new Set<string>();
  for (let n = HOW_MANY.draw(random); n > 0; n--) {
    const key = OFTEN_EMPTY.draw(random);
    emptied.add(key);
    const [section, field] = key.split('.') as [string, string];
    if (section !== 'record') delete (info as Record<string, Record<string, unknown> | undefined>)[section]?.[field];
  }
  return { noDoctor: emptied.has('record.responsibleDoctor'), emptied: [...emptied].sort() };
}
