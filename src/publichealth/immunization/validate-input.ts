/**
 * Checks a child's birth date, dose history and plan date before planning. Every problem is reported (not just the
 * first), in Chinese, naming the item: given[i] with its product and dose number.
 */
import { z } from 'zod';
import { formatDay, parseDay, type Day } from './calendar.ts';
import { AppError } from '../../core/errors.ts';
import type { ScheduleSet } from './schedules/load.ts';
import type { VaccineCode } from './schedules/schema.ts';
import type { GivenDose, InputProblem } from './types.ts';

export const givenDoseSchema = z.object(
  {
    vaccine: z.string({ error: '疫苗代码 vaccine 应为文字，如 "HepB"' }),
    dose: z.number({ error: '剂次 dose 应为数字，如 1' }),
    date: z.string({ error: '接种日期 date 应为文字 YYYY-MM-DD' }),
  },
  { error: '每条接种记录应为 {"vaccine", "dose", "date"} 对象' },
);
export const givenListSchema = z.array(givenDoseSchema, { error: '接种记录应为列表' });

export class PlanInputError extends AppError {
  constructor(readonly problems: InputProblem[]) {
    super('invalid_immunization_input', problems.map((p) => `${p.field}：${p.message}`).join('\n'), 400, { field: problems[0]?.field, problems });
  }
}

/** A dose that passed validation: day number and product known. */
export interface CheckedDose {
  index: number;
  vaccine: VaccineCode;
  dose: number;
  day: Day;
}

const label = (g: GivenDose) => `${g.vaccine} 第${g.dose}剂`;

/** birthDate and on first, then the given doses in input order. */
const fieldOrder = (field: string) => (field.startsWith('given[') ? Number(field.slice(6, -1)) : -1);

/** Returns the parsed dates and doses, or throws PlanInputError listing every problem. */
export function validateInput(set: ScheduleSet, birthDate: string, given: readonly GivenDose[], on: string): { birth: Day; today: Day; doses: CheckedDose[] } {
  const problems: InputProblem[] = [];
  const birth = parseDay(birthDate);
  const today = parseDay(on);
  if (birth === undefined) problems.push({ field: 'birthDate', message: `出生日期“${birthDate}”不是有效日期（应为 YYYY-MM-DD）` });
  if (today === undefined) problems.push({ field: 'on', message: `计划日期“${on}”不是有效日期（应为 YYYY-MM-DD）` });
  else if (birth !== undefined && today < birth) problems.push({ field: 'on', message: `计划日期 ${on} 早于出生日期 ${birthDate}` });

  const doses: CheckedDose[] = [];
  const byProductDose = new Map<string, number>();
  given.forEach((g, i) => {
    const field = `given[${i}]`;
    if (!set.vaccines.has(g.vaccine as VaccineCode)) {
      problems.push({ field, message: `未知的疫苗代码“${g.vaccine}”（可用代码：${[...set.vaccines.keys()].join('、')}）` });
      return;
    }
    if (!Number.isInteger(g.dose) || g.dose < 1) {
      problems.push({ field, message: `${g.vaccine} 的剂次“${g.dose}”应为从 1 开始的整数` });
      return;
    }
    const day = parseDay(g.date);
    if (day === undefined) {
      problems.push({ field, message: `${label(g)}的接种日期“${g.date}”不是有效日期（应为 YYYY-MM-DD）` });
      return;
    }
    if (birth !== undefined && day < birth) problems.push({ field, message: `${label(g)}的接种日期 ${g.date} 早于出生日期 ${birthDate}` });
    if (today !== undefined && day > today) problems.push({ field, message: `${label(g)}的接种日期 ${g.date} 晚于计划日期 ${on}` });
    const key = `${g.vaccine}#${g.dose}`;
    const first = byProductDose.get(key);
    if (first !== undefined) {
      problems.push({ field, message: `${label(g)}重复：与 given[${first}] 是同一疫苗的同一剂次` });
      return;
    }
    byProductDose.set(key, i);
    doses.push({ index: i, vaccine: g.vaccine as VaccineCode, dose: g.dose, day });
  });

  // Dose numbers of a product run 1, 2, 3… without gaps, in date order.
  const byIndex = new Map(doses.map((d) => [d.index, d]));
  for (const d of doses) {
    if (d.dose === 1) continue;
    const previous = byProductDose.get(`${d.vaccine}#${d.dose - 1}`);
    const g = given[d.index]!;
    if (previous === undefined) {
      problems.push({ field: `given[${d.index}]`, message: `${label(g)}缺少第${d.dose - 1}剂的记录（剂次不能跳过）` });
    } else {
      const p = byIndex.get(previous);
      if (p && p.day >= d.day) problems.push({ field: `given[${d.index}]`, message: `${label(g)}的接种日期 ${g.date} 应晚于第${d.dose - 1}剂（${formatDay(p.day)}）` });
    }
  }

  // A series (or alternative) cannot hold more doses than it has.
  const series = set.versions[0]!.series;
  const inOption = series.map((s) => s.options.map((): CheckedDose[] => []));
  for (const d of doses) {
    const place = set.placeOf.get(d.vaccine)!;
    inOption[place.series]![place.option]!.push(d);
  }
  inOption.forEach((options, si) =>
    options.forEach((list, oi) => {
      const o = series[si]!.options[oi]!;
      if (list.length <= o.doses.length) return;
      const extra = [...list].sort((a, b) => a.day - b.day)[o.doses.length]!;
      problems.push({ field: `given[${extra.index}]`, message: `${label(given[extra.index]!)}多余：${o.name}共 ${o.doses.length} 剂，已录入 ${list.length} 剂` });
    }),
  );

  if (problems.length > 0) throw new PlanInputError(problems.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field)));
  return { birth: birth!, today: today!, doses };
}
