/** The result line per claim (shared/domain/ncms.md), money in yuan; and its JSONL text with two decimals. */
import { fenToYuan, type Fen } from '../scheme/decimal.ts';
import type { ClaimFault, InvalidClaim } from './claim.ts';

export type RejectionReason = 'level_not_covered' | 'not_chronic_disease' | 'not_in_scheme_year' | 'not_enrolled' | 'invalid_claim';
export type CapName = 'perVisit' | 'outpatientAnnual' | 'chronicAnnual' | 'annual' | 'majorAnnual';

/**
 * Every key is always present (one object shape keeps the engine fast); absent ones hold undefined, which
 * JSON.stringify leaves out, so the JSON is exactly the documented line. `fault` and `message` (Chinese, naming the
 * field) are set only for `invalid_claim`, where all money is 0 because the claim's figures are not trusted.
 */
export interface SettlementResult {
  id: string | null;
  status: 'paid' | 'rejected';
  reason: RejectionReason | undefined;
  fault: ClaimFault | undefined;
  message: string | undefined;
  eligible: number;
  pay: number;
  selfPay: number;
  capped: CapName | undefined; // the last cap that lowered the pay
}

export function makeResult(
  id: string | null,
  reason: RejectionReason | undefined,
  eligibleFen: Fen,
  payFen: Fen,
  selfPayFen: Fen,
  capped: CapName | undefined,
): SettlementResult {
  return {
    id,
    status: reason === undefined ? 'paid' : 'rejected',
    reason,
    fault: undefined,
    message: undefined,
    eligible: fenToYuan(eligibleFen),
    pay: fenToYuan(payFen),
    selfPay: fenToYuan(selfPayFen),
    capped,
  };
}

export function invalidClaimResult(entry: InvalidClaim): SettlementResult {
  const result = makeResult(entry.id, 'invalid_claim', 0, 0, 0, undefined);
  result.fault = entry.problems[0]?.fault;
  result.message = entry.problems.map((p) => p.message).join('；');
  return result;
}

const yuanText = (yuan: number) => yuan.toFixed(2);

/** One JSONL line in the documented key order, money printed with two decimals (6450.00). */
export function formatResultLine(r: SettlementResult): string {
  let line = `{"id":${JSON.stringify(r.id)},"status":"${r.status}"`;
  if (r.reason !== undefined) line += `,"reason":"${r.reason}"`;
  if (r.fault !== undefined) line += `,"fault":"${r.fault}"`;
  if (r.message !== undefined) line += `,"message":${JSON.stringify(r.message)}`;
  line += `,"eligible":${yuanText(r.eligible)},"pay":${yuanText(r.pay)},"selfPay":${yuanText(r.selfPay)}`;
  if (r.capped !== undefined) line += `,"capped":"${r.capped}"`;
  return line + '}';
}
