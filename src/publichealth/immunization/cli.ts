/**
 * `jiceng immunization plan --birth YYYY-MM-DD [--given given.json] [--on YYYY-MM-DD]
 *    [--mother-hbsag-positive] [--birth-weight-under-2000g]`
 *
 * stdout: the plan as JSON. given.json is a list of doses already given: [{"vaccine":"HepB","dose":1,"date":"..."}];
 * without --given the child has had none; without --on the plan is for today (Asia/Shanghai).
 * Problems with the files or the data go to stderr in Chinese, one per line naming the item, with exit code 2.
 */
import { readFile } from 'node:fs/promises';
import { todayInShanghai } from '../../core/dates.ts';
import { plan } from './plan.ts';
import type { ChildCondition } from './schedules/schema.ts';
import type { GivenDose } from './types.ts';
import { givenListSchema, PlanInputError } from './validate-input.ts';

export interface ImmunizationPlanOptions {
  birth: string;
  given?: string;
  on?: string;
  motherHbsagPositive?: boolean;
  birthWeightUnder2000g?: boolean;
}

class InputError extends Error {}

async function loadGiven(path: string): Promise<GivenDose[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`无法读取接种记录文件 ${path}：${code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`接种记录文件 ${path} 不是有效的 JSON：${(e as Error).message}`);
  }
  const parsed = givenListSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const [index, key] = issue.path;
      const field = index === undefined ? 'given' : `given[${String(index)}]${key === undefined ? '' : `.${String(key)}`}`;
      return `  ${field}：${issue.message}`;
    });
    throw new InputError([`接种记录文件 ${path} 格式有误：`, ...lines].join('\n'));
  }
  return parsed.data;
}

export async function immunizationPlan(options: ImmunizationPlanOptions): Promise<void> {
  try {
    const given = options.given === undefined ? [] : await loadGiven(options.given);
    const conditions: ChildCondition[] = [];
    if (options.motherHbsagPositive) conditions.push('mother_hbsag_positive');
    if (options.birthWeightUnder2000g) conditions.push('birth_weight_under_2000g');
    const result = plan(options.birth, given, options.on ?? todayInShanghai(), { conditions });
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } catch (e) {
    if (e instanceof PlanInputError) {
      console.error(['输入有误，未生成接种计划：', ...e.problems.map((p) => `  ${p.field}：${p.message}`)].join('\n'));
    } else if (e instanceof InputError) {
      console.error(e.message);
    } else {
      throw e;
    }
    process.exitCode = 2;
  }
}
