// The rules editor's form values and the stored document, both ways. Form field names mirror the document's paths
// under `document` (document.amount.0.above), so a server problem lands on its field; a rule switched off is null.
import type { ReviewRulesDocument } from './review-types.ts';

type Doc = ReviewRulesDocument;
type RuleName = 'amount' | 'sample' | 'stay' | 'diagnosisCost';

export interface RulesFormValues {
  document: {
    amount: NonNullable<Doc['amount']>;
    sample: NonNullable<Doc['sample']>;
    stay: NonNullable<Doc['stay']>;
    diagnosisCost: NonNullable<Doc['diagnosisCost']>;
  };
  on: Record<RuleName, boolean>;
  note?: string | undefined;
}

export const RULE_NAMES: Record<RuleName, string> = { amount: '大额费用审核线', sample: '随机抽查', stay: '住院天数', diagnosisCost: '病种费用异常' };

/** What an empty editor starts from: every rule on with common figures. */
const DEFAULTS = (year: number): RulesFormValues['document'] => ({
  amount: [{ kind: 'inpatient', level: 'county', above: 25000 }],
  sample: { seed: `${year}年度审核抽查`, shares: [{ kind: 'inpatient', share: 0.02 }] },
  stay: { aboveDays: 20 },
  diagnosisCost: { factor: 3, minCases: 20, kinds: ['inpatient'] },
});

export function documentToForm(doc: Doc | null, year: number): RulesFormValues {
  const defaults = DEFAULTS(year);
  if (!doc) return { document: defaults, on: { amount: true, sample: true, stay: true, diagnosisCost: true } };
  return {
    document: {
      amount: doc.amount ?? defaults.amount,
      sample: doc.sample ?? defaults.sample,
      stay: doc.stay ?? defaults.stay,
      diagnosisCost: doc.diagnosisCost ?? defaults.diagnosisCost,
    },
    on: { amount: doc.amount !== null, sample: doc.sample !== null, stay: doc.stay !== null, diagnosisCost: doc.diagnosisCost !== null },
  };
}

export function formToDocument(form: RulesFormValues): Doc {
  const d = form.document;
  return {
    amount: form.on.amount ? d.amount.map((l) => ({ kind: l.kind, level: l.level ?? null, above: l.above })) : null,
    sample: form.on.sample ? d.sample : null,
    stay: form.on.stay ? d.stay : null,
    diagnosisCost: form.on.diagnosisCost ? d.diagnosisCost : null,
  };
}
