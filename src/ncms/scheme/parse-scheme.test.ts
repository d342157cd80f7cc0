import { describe, expect, it } from 'vitest';
import { exampleSchemeDocument } from '../testing/example-scheme.ts';
import { formatProblem, parseScheme } from './parse-scheme.ts';

/** The problems (formatted as the CLI prints them) after `change` edits the worked-example document. */
function problemsAfter(change: (doc: any) => void): string[] {
  const doc = exampleSchemeDocument();
  change(doc);
  const parsed = parseScheme(doc);
  return parsed.ok ? [] : parsed.problems.map(formatProblem);
}

describe('parseScheme', () => {
  it('reads the worked-example scheme into fen and parts per million', () => {
    const parsed = parseScheme(exampleSchemeDocument());
    expect(parsed).toEqual({
      ok: true,
      warnings: [],
      scheme: {
        format: 'jiceng.ncms.scheme/v1',
        pool: '430702',
        year: 2025,
        financing: { individualFen: 40000, governmentFen: 70000 },
        inpatient: {
          village: null,
          township: { deductibleFen: 10000, ratioPpm: 850000 },
          county: { deductibleFen: 40000, ratioPpm: 750000 },
          outside: { deductibleFen: 100000, ratioPpm: 600000, unreferredRatioPpm: 450000 },
        },
        outpatient: {
          village: { ratioPpm: 500000, perVisitCapFen: 1500 },
          township: { ratioPpm: 500000, perVisitCapFen: 3000 },
          annualCapFen: 20000,
        },
        chronic: { diseases: ['I10', 'E11'], annualCapFen: 1000000 },
        major: { diseases: ['C92', 'Q21'], ratioPpm: 700000, annualCapFen: 18000000 },
        delivery: { fixedFen: 50000 },
        annualCapFen: 15000000,
      },
    });
  });

  it('accepts money as strings and an outpatient block with one level only', () => {
    const parsed = parseScheme({ ...exampleSchemeDocument(), annualCap: '150000.00', outpatient: { village: { ratio: '0.5', perVisitCap: '15' }, annualCap: 200 } });
    expect(parsed.ok && parsed.scheme.annualCapFen).toBe(15000000);
    expect(parsed.ok && parsed.scheme.outpatient).toEqual({ village: { ratioPpm: 500000, perVisitCapFen: 1500 }, township: null, annualCapFen: 20000 });
  });

  it('names a missing level, a ratio above 1 and a negative deductible in plain Chinese', () => {
    expect(problemsAfter((d) => delete d.inpatient.county)).toEqual(['inpatient.county：缺少县级（county）住院补偿设置（该级别不予报销请写 null）']);
    expect(problemsAfter((d) => (d.inpatient.county.ratio = 1.5))).toEqual(['inpatient.county.ratio：报销比例应在 0 到 1 之间，收到 1.5']);
    expect(problemsAfter((d) => (d.inpatient.township.deductible = -100))).toEqual(['inpatient.township.deductible：起付线不能为负数']);
  });

  it('reports every problem at once, each with its path', () => {
    const problems = problemsAfter((d) => {
      d.major.ratio = 75;
      d.outpatient.township.perVisitCap = 30.005;
      d.chronic.diseases = ['I10', 'e11'];
      delete d.annualCap;
      d.year = '2025';
    });
    expect(problems).toEqual([
      'year：方案年度应为四位年份（如 2025），收到 「2025」',
      'outpatient.township.perVisitCap：每次封顶额最多精确到分（两位小数），收到 30.005',
      'chronic.diseases[1]：病种编码应为大写的 ICD-10 编码（如 I10、C92.0），收到 「e11」',
      'major.ratio：重大疾病报销比例应在 0 到 1 之间，收到 75（百分之 75 请写 0.75）',
      'annualCap：缺少年度封顶线',
    ]);
  });

  it('refuses keys v1 forbids where a clerk would expect them to apply', () => {
    expect(problemsAfter((d) => (d.inpatient.county.unreferredRatio = 0.5))).toEqual([
      'inpatient.county.unreferredRatio：只有县外（outside）住院可以设置未转诊报销比例 unreferredRatio',
    ]);
    expect(problemsAfter((d) => (d.outpatient.county = { ratio: 0.3, perVisitCap: 50 }))).toEqual([
      'outpatient.county：门诊统筹只设村级（village）和乡级（township）',
    ]);
  });

  it('refuses another format, broken JSON text, a non-object and a missing section', () => {
    expect(problemsAfter((d) => (d.format = 'jiceng.ncms.scheme/v2'))).toEqual([
      'format：格式标识应为 jiceng.ncms.scheme/v1，收到 「jiceng.ncms.scheme/v2」',
    ]);
    expect(problemsAfter((d) => delete d.delivery)).toEqual(['delivery：缺少住院分娩（delivery）']);
    expect(problemsAfter((d) => (d.inpatient.village = 0))).toEqual(['inpatient.village：村级（village）住院补偿应为对象或 null，收到 0']);
    const text = parseScheme(JSON.stringify(exampleSchemeDocument()));
    expect(text.ok && text.scheme.year).toBe(2025);
    const broken = parseScheme('{"format": ');
    expect(broken.ok ? [] : broken.problems.map(formatProblem)).toEqual([expect.stringMatching(/^方案文件不是有效的 JSON：/)]);
    const notObject = parseScheme([1, 2]);
    expect(notObject.ok ? [] : notObject.problems.map(formatProblem)).toEqual(['方案文件应为一个 JSON 对象']);
  });

  it('accepts unknown (future optional) keys and lists them as warnings', () => {
    const doc: any = exampleSchemeDocument();
    doc.ageBands = [{ from: 0, to: 6, ratioBonus: 0.05 }];
    doc.inpatient.county.repeatAdmissionDeductible = 200;
    const parsed = parseScheme(doc);
    expect(parsed.ok).toBe(true);
    expect(parsed.warnings.map(formatProblem)).toEqual([
      'inpatient.county.repeatAdmissionDeductible：未识别的字段（格式 v1 不使用），已忽略',
      'ageBands：未识别的字段（格式 v1 不使用），已忽略',
    ]);
    expect(parsed.ok && parsed.scheme.inpatient.county).toEqual({ deductibleFen: 40000, ratioPpm: 750000 });
  });
});
