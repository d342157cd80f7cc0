/**
 * What a review decision means in money, pure: approve keeps the settled pay, adjust lowers it (disallowed items),
 * reject takes it all (拒付). The difference is a deduction from what the fund owes the institution.
 *
 * The person's year-to-date sums are NOT given back: the patient was paid at discharge (即时结报) and keeps that money;
 * the institution advanced it and bears the deduction for the items review disallowed. A reversal (冲销, claims/reverse.ts)
 * is different: it voids the settlement itself, so it frees the cap room.
 */
import { invalid } from '../../core/errors.ts';
import { yuanToFen } from '../scheme/decimal.ts';
import { fenText } from '../fund/money.ts';
import type { FundPosting } from '../fund/ledger.ts';
import type { ReviewDecisionKind } from '../db/review-schema.ts';

export const REVIEW_DECISIONS: Record<ReviewDecisionKind, string> = { approved: '审核通过', adjusted: '核减', rejected: '拒付' };
export const REVIEW_STATUSES = { open: '待审核', ...REVIEW_DECISIONS } as const;

export interface DecisionInput {
  decision: ReviewDecisionKind;
  /** 核减后统筹支付（元）, adjust only. */
  pay?: number | string | null | undefined;
  reason?: string | null | undefined;
}

export interface CheckedDecision {
  decision: ReviewDecisionKind;
  payFen: number;
  deductedFen: number;
  reason: string | null;
}

/** The decision on integers, or a 400 naming the field. `correction`: a reason is always required. */
export function checkDecision(input: DecisionInput, settledPayFen: number, correction = false): CheckedDecision {
  const decision = input.decision;
  if (!Object.hasOwn(REVIEW_DECISIONS, decision)) throw invalid('decision', '审核结论应为 approved（通过）、adjusted（核减）或 rejected（拒付）');
  const reason = (input.reason ?? '').trim() || null;
  if (reason && reason.length > 500) throw invalid('reason', '理由不超过 500 个字');
  const needsReason = decision !== 'approved' || correction;
  if (needsReason && (!reason || reason.length < 2)) {
    const what = correction ? '更正理由' : decision === 'adjusted' ? '核减理由（如：目录外药品按目录内报销、超标准收费）' : '拒付理由（如：挂床住院、虚假住院）';
    throw invalid('reason', `请填写${what}，至少 2 个字`);
  }
  if (decision === 'approved') return { decision, payFen: settledPayFen, deductedFen: 0, reason };
  if (decision === 'rejected') return { decision, payFen: 0, deductedFen: settledPayFen, reason };
  const payFen = input.pay === undefined || input.pay === null || input.pay === '' ? 'missing' : yuanToFen(input.pay);
  if (typeof payFen !== 'number') throw invalid('pay', '请填写核减后的统筹支付金额（元），最多两位小数');
  if (payFen <= 0) throw invalid('pay', '核减后金额应大于 0；全部不予支付请选「拒付」');
  if (payFen >= settledPayFen) throw invalid('pay', `核减后金额应低于原结算支付 ${fenText(settledPayFen)} 元；不核减请选「审核通过」`);
  return { decision, payFen, deductedFen: settledPayFen - payFen, reason };
}

export interface DeductionClaim {
  id: number;
  claimNo: string;
  personName: string;
  institutionId: number;
  kind: string;
  bucket: string | null;
}

/**
 * The ledger posting for a change of deduction (`deltaFen` > 0 takes money off what the fund owes the institution,
 * < 0 gives it back after a correction). The expense line carries the same source as the settlement's.
 */
export function deductionPosting(claim: DeductionClaim, pool: string, year: number, date: string, deltaFen: number, memo: string): FundPosting {
  const amount = Math.abs(deltaFen);
  const source = claim.bucket === 'major' ? 'major' : claim.kind;
  const payable = { account: 'payable_institution' as const, institutionId: claim.institutionId };
  const expense = { account: 'compensation_expense' as const, institutionId: claim.institutionId, source };
  return {
    pool,
    year,
    date,
    kind: 'review',
    reference: { type: 'claim_review', id: claim.id },
    memo: `${deltaFen > 0 ? '审核扣减' : '审核更正退回'} ${claim.claimNo} ${claim.personName}：${memo}`,
    lines: deltaFen > 0 ? [{ ...payable, debitFen: amount }, { ...expense, creditFen: amount }] : [{ ...expense, debitFen: amount }, { ...payable, creditFen: amount }],
  };
}

/** The ledger date of a decision: today, or the last day of the claim's year once that year is over (the fund runs by year). */
export const bookingDate = (today: string, year: number) => (today.startsWith(`${year}-`) ? today : `${year}-12-31`);
