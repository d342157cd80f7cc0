/**
 * Claims (报销单据) at a designated institution: register an admission or visit, record cost lines while it is open,
 * read one claim or a scoped list. Settlement is in settle.ts, reversal in reverse.ts.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import type { AuditEntry } from '../../core/audit/audit-log.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { inTransaction } from '../../core/db/in-transaction.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { pageRequest, type Page } from '../../core/list-page.ts';
import { findPersonAnywhere } from '../../core/people/persons.ts';
import { INSTITUTION_LEVELS } from '../../core/institutions/catalog.ts';
import type { ClaimKind, ClaimLineCategory, ClaimStatus, NcmsClaimLineTable, NcmsClaimTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import type { CapLine } from './breakdown.ts';
import { checkDates, checkDiagnosis, checkLines, maskIdNumber, type CheckedLine, type LineInput } from './claim-input.ts';
import { claimVisibleTo, requireClaimRead, requireSettlingInstitution, type SettlingInstitution } from './access.ts';
import { oncePerRequest } from './claim-requests.ts';
import { applyClaimFilter, type ClaimFilter } from './claim-filter.ts';
import { CAP_NAMES, CLAIM_KINDS, CLAIM_STATUSES, LINE_CATEGORIES, REJECTION_MESSAGES, isAdmission } from './vocabulary.ts';
import type { CapName, RejectionReason } from '../settlement/result.ts';

export interface ClaimLineView {
  id: number;
  name: string;
  category: ClaimLineCategory;
  categoryName: string;
  inCatalog: boolean;
  quantity: number;
  unitPriceFen: number;
  amountFen: number;
}

export interface SettlementView {
  year: number;
  schemeId: number;
  schemeVersion: number | null;
  eligibleFen: number; // total − out-of-catalogue (目录内)
  deductibleFen: number; // 起付线 applied
  ratio: number | null; // 报销比例 applied (0.75); null for the fixed delivery subsidy or a rejection
  payFen: number; // 统筹基金支付
  selfPayFen: number; // 个人自付
  capped: CapName | null;
  cappedName: string | null;
  reason: RejectionReason | null;
  reasonMessage: string | null;
  yearToDate: CapLine[]; // each annual cap: limit, before, after
  settledAt: string;
  settledByName: string;
}

export interface ReversalView {
  reason: string;
  payFen: number;
  reversedAt: string;
  reversedByName: string;
}

export interface ClaimView {
  id: number;
  claimNo: string;
  status: ClaimStatus;
  statusName: string;
  kind: ClaimKind;
  kindName: string;
  institutionId: number;
  institutionName: string;
  level: NcmsClaimTable['level'];
  levelName: string;
  personId: number;
  personName: string;
  idNumberMasked: string | null;
  areaId: number;
  admittedOn: string;
  dischargedOn: string | null;
  diagnosis: string;
  referred: boolean;
  totalFen: number;
  outOfCatalogFen: number;
  lines: ClaimLineView[];
  settlement: SettlementView | null;
  reversal: ReversalView | null;
  registeredByName: string;
  registeredAt: string;
}

export type ClaimRow = Selectable<NcmsClaimTable>;

export interface ClaimInput {
  personId?: number | undefined;
  idNumber?: string | undefined; // 身份证号, when the patient shows a card rather than being picked from a list
  kind: ClaimKind;
  admittedOn: string; // 入院日期, or the visit's day
  dischargedOn?: string | null | undefined;
  diagnosis?: string | null | undefined;
  referred?: boolean | undefined;
  lines?: LineInput[] | undefined;
  requestId?: string | undefined;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function claimQuery(db: Db) {
  return db
    .selectFrom('ncms_claim as c')
    .leftJoin('ncms_scheme as s', 's.id', 'c.scheme_id')
    .leftJoin('ncms_claim_reversal as r', 'r.claim_id', 'c.id')
    .selectAll('c')
    .select(['s.version as scheme_version', 'r.reason as reversal_reason', 'r.pay_fen as reversal_pay_fen', 'r.reversed_at', 'r.reversed_by_name']);
}
export type JoinedRow = ClaimRow & { scheme_version: number | null; reversal_reason: string | null; reversal_pay_fen: number | null; reversed_at: Date | null; reversed_by_name: string | null };

const lineView = (r: Selectable<NcmsClaimLineTable>): ClaimLineView => ({
  id: r.id,
  name: r.name,
  category: r.category,
  categoryName: LINE_CATEGORIES[r.category],
  inCatalog: r.in_catalog,
  quantity: Number(r.quantity),
  unitPriceFen: r.unit_price_fen,
  amountFen: r.amount_fen,
});

export async function linesOf(db: Db, claimId: number): Promise<ClaimLineView[]> {
  const rows = await db.selectFrom('ncms_claim_line').selectAll().where('claim_id', '=', claimId).orderBy('id').execute();
  return rows.map(lineView);
}

/** The columns a claim is known by, in a list and at the head of its page. */
type HeadingColumns = Pick<
  ClaimRow,
  'id' | 'claim_no' | 'status' | 'kind' | 'institution_id' | 'institution_name' | 'person_id' | 'person_name' | 'id_number_masked' | 'admitted_on' | 'discharged_on' | 'diagnosis' | 'total_fen'
>;

function claimHeading(row: HeadingColumns) {
  return {
    id: row.id,
    claimNo: row.claim_no,
    status: row.status,
    statusName: CLAIM_STATUSES[row.status],
    kind: row.kind,
    kindName: CLAIM_KINDS[row.kind],
    institutionId: row.institution_id,
    institutionName: row.institution_name,
    personId: row.person_id,
    personName: row.person_name,
    idNumberMasked: row.id_number_masked,
    admittedOn: row.admitted_on,
    dischargedOn: row.discharged_on,
    diagnosis: row.diagnosis,
    totalFen: row.total_fen,
  };
}

export function toClaimView(row: JoinedRow, lines: ClaimLineView[]): ClaimView {
  const settled = row.status !== 'open' && row.year !== null && row.settled_at !== null;
  const capped = row.capped as CapName | null;
  const reason = row.reason as RejectionReason | null;
  return {
    ...claimHeading(row),
    level: row.level,
    levelName: INSTITUTION_LEVELS[row.level],
    areaId: row.area_id,
    referred: row.referred,
    outOfCatalogFen: row.out_of_catalog_fen,
    lines,
    settlement: settled
      ? {
          year: row.year!,
          schemeId: row.scheme_id!,
          schemeVersion: row.scheme_version,
          eligibleFen: row.eligible_fen!,
          deductibleFen: row.deductible_fen!,
          ratio: row.ratio_ppm === null ? null : row.ratio_ppm / 1_000_000,
          payFen: row.pay_fen!,
          selfPayFen: row.self_pay_fen!,
          capped,
          cappedName: capped ? CAP_NAMES[capped] : null,
          reason,
          reasonMessage: reason ? REJECTION_MESSAGES[reason] : null,
          yearToDate: (row.caps as CapLine[] | null) ?? [],
          settledAt: iso(row.settled_at)!,
          settledByName: row.settled_by_name ?? '',
        }
      : null,
    reversal:
      row.reversal_reason !== null
        ? { reason: row.reversal_reason, payFen: row.reversal_pay_fen!, reversedAt: iso(row.reversed_at)!, reversedByName: row.reversed_by_name! }
        : null,
    registeredByName: row.registered_by_name,
    registeredAt: iso(row.registered_at)!,
  };
}

/** The view of a claim row just written in this transaction (never reversed), without reading it back. */
export const writtenClaimView = (row: ClaimRow, lines: ClaimLineView[], schemeVersion: number | null = null): ClaimView =>
  toClaimView({ ...row, scheme_version: schemeVersion, reversal_reason: null, reversal_pay_fen: null, reversed_at: null, reversed_by_name: null }, lines);

/** One claim with its lines, as anyone may read it (no scope check: callers have done it). */
export async function loadClaimView(db: Db, id: number): Promise<ClaimView> {
  const row = await claimQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('报销单据');
  return toClaimView(row as JoinedRow, await linesOf(db, id));
}

export async function getClaim(db: Db, actor: Actor, id: number): Promise<ClaimView> {
  requireClaimRead(actor);
  const row = await claimQuery(db).where('c.id', '=', id).where(claimVisibleTo(db, actor)).executeTakeFirst();
  if (!row) throw notFound('报销单据');
  return toClaimView(row as JoinedRow, await linesOf(db, id));
}

/** An open claim of the actor's institution, locked for a change; anything else is 404 or 409. */
export async function lockOwnClaim(trx: Db, actor: Actor, id: number, expected: ClaimStatus = 'open'): Promise<ClaimRow> {
  const row = await trx.selectFrom('ncms_claim').selectAll().where('id', '=', id).where('institution_id', '=', actor.institutionId ?? -1).forUpdate().executeTakeFirst();
  if (!row) throw notFound('报销单据');
  if (row.status !== expected) throw conflict(`claim_${row.status}`, `报销单据 ${row.claim_no} ${CLAIM_STATUSES[row.status]}，不能再修改或结算`);
  return row;
}

/** Adds checked lines to a claim (the claim row is locked or new); returns them as stored. */
export async function insertLines(trx: Db, claimId: number, lines: CheckedLine[]): Promise<ClaimLineView[]> {
  if (lines.length === 0) return [];
  const rows = await trx
    .insertInto('ncms_claim_line')
    .values(lines.map((l) => ({ claim_id: claimId, name: l.name, category: l.category, in_catalog: l.inCatalog, quantity: l.quantity, unit_price_fen: l.unitPriceFen, amount_fen: l.amountFen })))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id).map(lineView);
}

const sums = (lines: CheckedLine[]) => ({
  total: lines.reduce((s, l) => s + l.amountFen, 0),
  outOfCatalog: lines.reduce((s, l) => s + (l.inCatalog ? 0 : l.amountFen), 0),
});

/**
 * Registers an admission or visit at the actor's institution (no audit: the caller records it). The patient may live
 * anywhere in the county: they are found county-wide by id or ID number.
 */
export async function openClaim(
  trx: Db,
  actor: Actor,
  institution: SettlingInstitution,
  input: ClaimInput,
  lines: CheckedLine[],
): Promise<{ claim: ClaimRow; lines: ClaimLineView[]; audit: AuditEntry }> {
  const kind = input.kind;
  if (!Object.hasOwn(CLAIM_KINDS, kind)) throw invalid('kind', `就诊类别应为 ${Object.values(CLAIM_KINDS).join('、')} 之一`);
  // A visit happens on one day; an admission is discharged at settlement (or now, when the discharge date is known).
  const dischargedOn = isAdmission(kind) ? (input.dischargedOn ?? null) : input.admittedOn;
  checkDates(input.admittedOn, dischargedOn, todayInShanghai());
  const diagnosis = checkDiagnosis(kind, input.diagnosis);
  const key = input.personId !== undefined ? { id: input.personId } : input.idNumber ? { idNumber: input.idNumber } : null;
  if (!key) throw invalid('personId', '请选择患者或填写其身份证号');
  const field = 'id' in key ? 'personId' : 'idNumber';
  const person = await findPersonAnywhere(trx, key);
  if (!person) throw invalid(field, 'id' in key ? `未找到编号为 ${key.id} 的居民` : `未找到身份证号为 ${key.idNumber} 的居民，请核对或先登记户籍`, 'unknown_person');
  if (person.status === 'deceased' && person.statusDate !== null && person.statusDate < input.admittedOn) {
    throw invalid(field, `「${person.name}」已于 ${person.statusDate} 登记死亡，不能登记此后的就诊`, 'person_deceased');
  }
  const { total, outOfCatalog } = sums(lines);
  const claim = await trx
    .insertInto('ncms_claim')
    .values({
      institution_id: institution.id,
      institution_name: institution.name,
      level: institution.level,
      person_id: person.id,
      person_name: person.name,
      id_number_masked: maskIdNumber(person.idNumber),
      area_id: person.areaId,
      area_code: person.areaCode,
      kind,
      admitted_on: input.admittedOn,
      discharged_on: dischargedOn,
      diagnosis,
      referred: input.referred ?? false,
      total_fen: total,
      out_of_catalog_fen: outOfCatalog,
      line_count: lines.length,
      registered_by: actor.userId,
      registered_by_name: actor.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const id = claim.id;
  const stored = await insertLines(trx, id, lines);
  const audit: AuditEntry = {
    action: 'register',
    entity: 'ncms_claim',
    entityId: id,
    areaId: person.areaId,
    after: { institutionId: institution.id, personId: person.id, kind, admittedOn: input.admittedOn, dischargedOn, diagnosis, totalFen: total, outOfCatalogFen: outOfCatalog, lines: lines.length },
  };
  return { claim, lines: stored, audit };
}

/** What a submission asked, for its idempotency hash: the action, the institution and the input without its id. */
export const requestPayload = (actor: Actor, action: string, input: object) => {
  const { requestId: _r, ...rest } = input as { requestId?: string };
  return { action, institutionId: actor.institutionId, ...rest };
};

/** 登记入院/就诊: registers an admission or visit, optionally with its first cost lines. */
export async function registerClaim(db: Db, actor: Actor, input: ClaimInput): Promise<ClaimView> {
  const institution = await requireSettlingInstitution(db, actor);
  const lines = checkLines(input.lines ?? []);
  return inTransaction(db, (trx) =>
    oncePerRequest(trx, actor, input.requestId, requestPayload(actor, 'register', input), async () => {
      const { claim, lines: stored, audit } = await openClaim(trx, actor, institution, input, lines);
      return { result: writtenClaimView(claim, stored), audit: [audit] };
    }),
  );
}

/** Adds cost lines (费用明细) to an open claim of the actor's institution. */
export async function addClaimLines(db: Db, actor: Actor, claimId: number, input: { lines: LineInput[] }): Promise<ClaimView> {
  await requireSettlingInstitution(db, actor);
  if (input.lines.length === 0) throw invalid('lines', '请至少录入一条费用明细');
  const lines = checkLines(input.lines);
  return inTransaction(db, async (trx) => {
    const claim = await lockOwnClaim(trx, actor, claimId);
    await insertLines(trx, claim.id, lines);
    const { total, outOfCatalog } = sums(lines);
    await trx
      .updateTable('ncms_claim')
      .set((eb) => ({ total_fen: eb('total_fen', '+', total), out_of_catalog_fen: eb('out_of_catalog_fen', '+', outOfCatalog), line_count: eb('line_count', '+', lines.length) }))
      .where('id', '=', claim.id)
      .execute();
    await recordAudit(trx, actor, { action: 'add_lines', entity: 'ncms_claim', entityId: claim.id, areaId: claim.area_id, after: { lines: lines.map((l) => ({ name: l.name, category: l.category, inCatalog: l.inCatalog, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen })) } });
    return loadClaimView(trx, claim.id);
  });
}

/** Removes one cost line from an open claim of the actor's institution. */
export async function removeClaimLine(db: Db, actor: Actor, claimId: number, lineId: number): Promise<ClaimView> {
  await requireSettlingInstitution(db, actor);
  return inTransaction(db, async (trx) => {
    const claim = await lockOwnClaim(trx, actor, claimId);
    const line = await trx.deleteFrom('ncms_claim_line').where('id', '=', lineId).where('claim_id', '=', claim.id).returningAll().executeTakeFirst();
    if (!line) throw notFound('费用明细');
    await trx
      .updateTable('ncms_claim')
      .set((eb) => ({
        total_fen: eb('total_fen', '-', line.amount_fen),
        out_of_catalog_fen: eb('out_of_catalog_fen', '-', line.in_catalog ? 0 : line.amount_fen),
        line_count: eb('line_count', '-', 1),
      }))
      .where('id', '=', claim.id)
      .execute();
    await recordAudit(trx, actor, { action: 'remove_line', entity: 'ncms_claim', entityId: claim.id, areaId: claim.area_id, before: { line: { name: line.name, category: line.category, inCatalog: line.in_catalog, quantity: line.quantity, amountFen: line.amount_fen } } });
    return loadClaimView(trx, claim.id);
  });
}

export interface ClaimSummary {
  id: number;
  claimNo: string;
  status: ClaimStatus;
  statusName: string;
  kind: ClaimKind;
  kindName: string;
  institutionId: number;
  institutionName: string;
  personId: number;
  personName: string;
  idNumberMasked: string | null;
  admittedOn: string;
  dischargedOn: string | null;
  diagnosis: string;
  totalFen: number;
  payFen: number | null;
  selfPayFen: number | null;
  reason: string | null;
  settledAt: string | null;
}

/**
 * Claims the actor may see, newest first. The dates (`month`, `from`–`to`) are the discharge (visit) date, so open
 * admissions drop out of them; the filters are in claim-filter.ts.
 */
export async function listClaims(db: Db, actor: Actor, filter: ClaimFilter = {}): Promise<Page<ClaimSummary>> {
  requireClaimRead(actor);
  const { page, pageSize, offset } = pageRequest(filter);
  const query = await applyClaimFilter(db, actor, db.selectFrom('ncms_claim as c').where(claimVisibleTo(db, actor)), filter);
  const [rows, { n }] = await Promise.all([
    query
      .select([
        'c.id',
        'c.claim_no',
        'c.status',
        'c.kind',
        'c.institution_id',
        'c.institution_name',
        'c.person_id',
        'c.person_name',
        'c.id_number_masked',
        'c.admitted_on',
        'c.discharged_on',
        'c.diagnosis',
        'c.total_fen',
        'c.pay_fen',
        'c.self_pay_fen',
        'c.reason',
        'c.settled_at',
      ])
      .orderBy('c.id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...claimHeading(r),
      payFen: r.pay_fen,
      selfPayFen: r.self_pay_fen,
      reason: r.reason,
      settledAt: iso(r.settled_at),
    })),
    total: Number(n),
    page,
    pageSize,
  };
}
