/**
 * Audit rectification (审计整改): an audit's findings, each assigned to a township or an institution with a deadline;
 * the unit reports progress with evidence and asks for closure (申请销号); the NCMS office accepts (销号) or sends it
 * back (退回). Every step is an event on the finding's timeline and an audit-log entry in the same transaction.
 *
 * Who: the NCMS office (ncms.manage) records audits and findings, assigns, closes and returns, and may report for a
 * unit. A unit reports with ncms.read inside its own area: township staff whose area is (inside) the assigned
 * township, or whose institution is the assigned one. Reading needs ncms.read: the office and auditors see every
 * finding, township staff those whose unit lies in their township. Out of view answers 404.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../core/db/connection.ts';
import { pathInScope, requirePermission, type Actor } from '../../core/auth/actor.ts';
import { can } from '../../core/auth/roles.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import { getArea } from '../../core/areas/areas.ts';
import { institutionBasics } from '../../core/institutions/institutions.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import { isRealDate, todayInShanghai } from '../../core/dates.ts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { isUniqueViolation } from '../../core/db/unique-violation.ts';
import type { FindingEventKind, FindingSeverity, FindingStatus, FindingUnitKind } from '../db/rectification-schema.ts';
import { CATEGORIES, EVENT_NAMES, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, SEVERITIES, STATUSES, TRANSITIONS, isOverdue, type FindingAction } from './vocabulary.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

// ---- audits ----

export interface AuditInput {
  title: string;
  auditor: string;
  reportNo?: string | undefined;
  auditedOn: string;
}

export interface AuditView {
  id: number;
  title: string;
  auditor: string;
  reportNo: string | null;
  auditedOn: string;
  createdByName: string;
  createdAt: string;
  findings: number;
  closed: number;
  overdue: number;
}

function checkAudit(input: AuditInput): AuditInput {
  const title = input.title?.trim();
  const auditor = input.auditor?.trim();
  if (!title) throw invalid('title', '请填写审计名称，如「2025 年度新农合基金省级审计」');
  if (!auditor) throw invalid('auditor', '请填写审计单位，如「省审计厅」');
  if (!isRealDate(input.auditedOn)) throw invalid('auditedOn', '审计日期应为 YYYY-MM-DD 的真实日期');
  return { title, auditor, reportNo: input.reportNo?.trim() || undefined, auditedOn: input.auditedOn };
}

export async function createAudit(db: Db, actor: Actor, input: AuditInput): Promise<number> {
  requirePermission(actor, 'ncms.manage');
  const a = checkAudit(input);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('ncms_audit')
      .values({ title: a.title, auditor: a.auditor, report_no: a.reportNo ?? null, audited_on: a.auditedOn, created_by: actor.userId, created_by_name: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', entity: 'ncms_audit', entityId: id, after: a });
    return id;
  });
}

export async function listAudits(db: Db, actor: Actor, today = todayInShanghai()): Promise<AuditView[]> {
  requirePermission(actor, 'ncms.read');
  const [audits, findings] = await Promise.all([
    db.selectFrom('ncms_audit').selectAll().orderBy('audited_on', 'desc').orderBy('id', 'desc').execute(),
    listFindings(db, actor, {}, today),
  ]);
  return audits.map((a) => {
    const own = findings.filter((f) => f.auditId === a.id);
    return {
      id: a.id,
      title: a.title,
      auditor: a.auditor,
      reportNo: a.report_no,
      auditedOn: a.audited_on,
      createdByName: a.created_by_name,
      createdAt: iso(a.created_at)!,
      findings: own.length,
      closed: own.filter((f) => f.status === 'closed').length,
      overdue: own.filter((f) => f.overdue).length,
    };
  });
}

// ---- findings ----

export interface FindingInput {
  number: number;
  text: string;
  category: string;
  severity: FindingSeverity;
}

export interface UnitInput {
  unitKind: FindingUnitKind;
  townshipId?: number | undefined;
  institutionId?: number | undefined;
  deadline: string;
}

export interface FindingSummary {
  id: number;
  auditId: number;
  auditTitle: string;
  number: number;
  text: string;
  category: string;
  severity: FindingSeverity;
  severityName: string;
  status: FindingStatus;
  statusName: string;
  unitKind: FindingUnitKind | null;
  unitName: string | null;
  townshipId: number | null;
  institutionId: number | null;
  deadline: string | null;
  overdue: boolean;
  closedAt: string | null;
  updatedAt: string;
}

export interface EvidenceView {
  id: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface FindingEventView {
  id: number;
  kind: FindingEventKind;
  kindName: string;
  note: string;
  actorName: string;
  at: string;
  evidence: EvidenceView[];
}

export interface FindingView extends FindingSummary {
  /** May the caller report progress / ask for closure, and may they accept or return it. */
  canReport: boolean;
  canDecide: boolean;
  events: FindingEventView[];
}

export function checkFinding(input: FindingInput, field = ''): FindingInput {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  if (!Number.isInteger(input.number) || input.number < 1) throw invalid(at('number'), '序号应为正整数');
  const text = input.text?.trim();
  if (!text) throw invalid(at('text'), '请填写问题描述');
  if (!(CATEGORIES as readonly string[]).includes(input.category)) throw invalid(at('category'), `问题类别应为：${CATEGORIES.join('、')}`);
  if (!Object.hasOwn(SEVERITIES, input.severity)) throw invalid(at('severity'), '严重程度应为：一般、较重、严重');
  return { number: input.number, text, category: input.category, severity: input.severity };
}

export interface ResolvedUnit {
  unitKind: FindingUnitKind;
  townshipId: number | null;
  institutionId: number | null;
  unitName: string;
  unitAreaId: number;
  deadline: string;
}

export async function resolveUnit(db: Db, actor: Actor, input: UnitInput): Promise<ResolvedUnit> {
  if (!isRealDate(input.deadline ?? '')) throw invalid('deadline', '整改期限应为 YYYY-MM-DD 的真实日期');
  if (input.unitKind === 'township') {
    if (!input.townshipId) throw invalid('townshipId', '请选择负责整改的乡镇');
    const area = await getArea(db, actor, input.townshipId);
    if (area.level !== 'township') throw invalid('townshipId', `「${area.name}」不是乡镇（街道），请选择乡镇`);
    return { unitKind: 'township', townshipId: area.id, institutionId: null, unitName: area.name, unitAreaId: area.id, deadline: input.deadline };
  }
  if (input.unitKind === 'institution') {
    if (!input.institutionId) throw invalid('institutionId', '请选择负责整改的医疗机构');
    const institution = await institutionBasics(db, input.institutionId);
    if (!institution) throw invalid('institutionId', '所选医疗机构不存在');
    return { unitKind: 'institution', townshipId: null, institutionId: institution.id, unitName: institution.name, unitAreaId: institution.areaId, deadline: input.deadline };
  }
  throw invalid('unitKind', '责任单位应为乡镇（township）或医疗机构（institution）');
}

async function addEvent(trx: Db, actor: Actor, findingId: number, kind: FindingEventKind, note = ''): Promise<number> {
  const { id } = await trx
    .insertInto('ncms_finding_event')
    .values({ finding_id: findingId, kind, note, actor_id: actor.userId, actor_name: actor.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Inserts findings (with their units when given) in the caller's transaction: the form and the import share it. */
export async function insertFindings(trx: Db, actor: Actor, auditId: number, findings: ReadonlyArray<FindingInput & { unit: ResolvedUnit | null }>): Promise<number[]> {
  const ids: number[] = [];
  for (const f of findings) {
    let id: number;
    try {
      id = (
        await trx
          .insertInto('ncms_audit_finding')
          .values({
            audit_id: auditId,
            number: f.number,
            text: f.text,
            category: f.category,
            severity: f.severity,
            status: f.unit ? 'in_progress' : 'pending',
            unit_kind: f.unit?.unitKind ?? null,
            township_id: f.unit?.townshipId ?? null,
            institution_id: f.unit?.institutionId ?? null,
            unit_name: f.unit?.unitName ?? null,
            unit_area_id: f.unit?.unitAreaId ?? null,
            deadline: f.unit?.deadline ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('duplicate_number', `本次审计已有序号 ${f.number} 的问题`, 'number');
      throw error;
    }
    await addEvent(trx, actor, id, 'created', f.text);
    if (f.unit) await addEvent(trx, actor, id, 'assigned', `责任单位：${f.unit.unitName}；整改期限：${f.unit.deadline}`);
    ids.push(id);
  }
  await recordAudit(
    trx,
    actor,
    ...findings.map((f, i) => ({ action: 'create', entity: 'ncms_audit_finding', entityId: ids[i]!, areaId: f.unit?.unitAreaId ?? null, after: { auditId, ...f } })),
  );
  return ids;
}

async function requireAudit(db: Db, auditId: number) {
  const audit = await db.selectFrom('ncms_audit').select(['id', 'title']).where('id', '=', auditId).executeTakeFirst();
  if (!audit) throw notFound('审计');
  return audit;
}

export async function addFinding(db: Db, actor: Actor, auditId: number, input: FindingInput & { unit?: UnitInput | undefined }): Promise<FindingView> {
  requirePermission(actor, 'ncms.manage');
  const finding = checkFinding(input);
  await requireAudit(db, auditId);
  const unit = input.unit ? await resolveUnit(db, actor, input.unit) : null;
  const [id] = await db.transaction().execute((trx) => insertFindings(trx, actor, auditId, [{ ...finding, unit }]));
  return getFinding(db, actor, id!);
}

const summaryQuery = (db: Db) =>
  db
    .selectFrom('ncms_audit_finding as f')
    .innerJoin('ncms_audit as a', 'a.id', 'f.audit_id')
    .selectAll('f')
    .select('a.title as audit_title');
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: SummaryRow, today: string): FindingSummary {
  return {
    id: r.id,
    auditId: r.audit_id,
    auditTitle: r.audit_title,
    number: r.number,
    text: r.text,
    category: r.category,
    severity: r.severity,
    severityName: SEVERITIES[r.severity],
    status: r.status,
    statusName: STATUSES[r.status],
    unitKind: r.unit_kind,
    unitName: r.unit_name,
    townshipId: r.township_id,
    institutionId: r.institution_id,
    deadline: r.deadline,
    overdue: isOverdue(r, today),
    closedAt: iso(r.closed_at),
    updatedAt: iso(r.updated_at)!,
  };
}

/** The whole county (or everything): sees findings not yet assigned to a unit too. */
const countyWide = (actor: Actor) => actor.scope.path.split('/').filter(Boolean).length <= 1;

/** Where-condition over `ncms_audit_finding as f`: the findings the actor may see. */
function inView(db: Db, actor: Actor) {
  if (actor.scope.path === '/') return sql<boolean>`true`;
  const assigned = sql<boolean>`f.unit_area_id in (${areaIdsIn(db, actor.scope)})`;
  return countyWide(actor) ? sql<boolean>`(f.unit_area_id is null or ${assigned})` : assigned;
}

export interface FindingFilter {
  auditId?: number | undefined;
  status?: FindingStatus | undefined;
  overdue?: boolean | undefined;
  severity?: FindingSeverity | undefined;
}

export async function listFindings(db: Db, actor: Actor, filter: FindingFilter = {}, today = todayInShanghai()): Promise<FindingSummary[]> {
  requirePermission(actor, 'ncms.read');
  let query = summaryQuery(db).where(inView(db, actor));
  if (filter.auditId !== undefined) query = query.where('f.audit_id', '=', filter.auditId);
  if (filter.status) query = query.where('f.status', '=', filter.status);
  if (filter.severity) query = query.where('f.severity', '=', filter.severity);
  if (filter.overdue) query = query.where('f.status', '<>', 'closed').where('f.deadline', '<', today);
  const rows = await query.orderBy('f.audit_id', 'desc').orderBy('f.number').limit(2000).execute();
  return rows.map((r) => toSummary(r, today));
}

/** The unit's own users (or the office) may report on a finding. */
function mayReport(actor: Actor, f: { unit_kind: FindingUnitKind | null; institution_id: number | null }, unitPath: string | null): boolean {
  if (can(actor.role, 'ncms.manage')) return true;
  if (!can(actor.role, 'ncms.read') || f.unit_kind === null) return false;
  if (f.unit_kind === 'institution') return actor.institutionId !== null && actor.institutionId === f.institution_id;
  return unitPath !== null && pathInScope({ areaId: null, path: unitPath }, actor.scope.path);
}

async function loadFinding(db: Db, actor: Actor, id: number, options: { lock?: boolean } = {}) {
  requirePermission(actor, 'ncms.read');
  const row = await summaryQuery(db)
    .leftJoin('area as u', 'u.id', 'f.unit_area_id')
    .select('u.path as unit_path')
    .where('f.id', '=', id)
    .where(inView(db, actor))
    .$if(options.lock === true, (q) => q.forUpdate('f'))
    .executeTakeFirst();
  if (!row) throw notFound('审计发现问题');
  return row;
}

export async function getFinding(db: Db, actor: Actor, id: number, today = todayInShanghai()): Promise<FindingView> {
  const row = await loadFinding(db, actor, id);
  const [events, evidence] = await Promise.all([
    db.selectFrom('ncms_finding_event').selectAll().where('finding_id', '=', id).orderBy('id').execute(),
    db.selectFrom('ncms_finding_evidence').select(['id', 'event_id', 'file_name', 'content_type', 'size_bytes']).where('finding_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    ...toSummary(row, today),
    canReport: mayReport(actor, row, row.unit_path) && TRANSITIONS.progress.from.includes(row.status),
    canDecide: can(actor.role, 'ncms.manage') && row.status === 'submitted',
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      kindName: EVENT_NAMES[e.kind],
      note: e.note,
      actorName: e.actor_name,
      at: iso(e.at)!,
      evidence: evidence.filter((x) => x.event_id === e.id).map((x) => ({ id: x.id, fileName: x.file_name, contentType: x.content_type, sizeBytes: x.size_bytes })),
    })),
  };
}

/** Locks the finding, checks the action is allowed from its status, and moves it (audited) in one transaction. */
async function act(db: Db, actor: Actor, id: number, action: FindingAction, work: (trx: Db, row: Awaited<ReturnType<typeof loadFinding>>) => Promise<{ kind: FindingEventKind; note: string; set?: Record<string, unknown>; files?: EvidenceFile[] }>) {
  await db.transaction().execute(async (trx) => {
    const row = await loadFinding(trx, actor, id, { lock: true });
    const rule = TRANSITIONS[action];
    if (!rule.from.includes(row.status)) throw conflict('wrong_status', `${rule.refused}（当前状态：${STATUSES[row.status]}）`);
    const done = await work(trx, row);
    const status = rule.to ?? (row.status === 'pending' ? 'in_progress' : row.status);
    await trx
      .updateTable('ncms_audit_finding')
      .set({ status, updated_at: new Date(), ...(status === 'closed' ? { closed_at: new Date() } : {}), ...done.set })
      .where('id', '=', id)
      .execute();
    const eventId = await addEvent(trx, actor, id, done.kind, done.note);
    if (done.files?.length) {
      await trx
        .insertInto('ncms_finding_evidence')
        .values(done.files.map((f) => ({ event_id: eventId, finding_id: id, file_name: f.fileName, content_type: f.contentType, size_bytes: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex'), data: f.data })))
        .execute();
    }
    await recordAudit(trx, actor, {
      action,
      entity: 'ncms_audit_finding',
      entityId: id,
      areaId: (done.set?.unit_area_id as number | undefined) ?? row.unit_area_id,
      before: { status: row.status, unit: row.unit_name, deadline: row.deadline },
      after: { status, note: done.note, ...(done.set ? { unit: done.set.unit_name, deadline: done.set.deadline } : {}), files: done.files?.map((f) => ({ name: f.fileName, bytes: f.data.length })) },
    });
  });
  return getFinding(db, actor, id);
}

export async function assignFinding(db: Db, actor: Actor, id: number, input: UnitInput & { note?: string | undefined }): Promise<FindingView> {
  requirePermission(actor, 'ncms.manage');
  const unit = await resolveUnit(db, actor, input);
  return act(db, actor, id, 'assign', async (_trx, row) => ({
    kind: 'assigned',
    note: `${row.unit_kind ? '改派' : '分派'}：责任单位 ${unit.unitName}；整改期限 ${unit.deadline}${input.note?.trim() ? `。${input.note.trim()}` : ''}`,
    set: { unit_kind: unit.unitKind, township_id: unit.townshipId, institution_id: unit.institutionId, unit_name: unit.unitName, unit_area_id: unit.unitAreaId, deadline: unit.deadline },
  }));
}

export interface EvidenceFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export interface ProgressInput {
  note: string;
  /** true: the unit considers the finding rectified and asks the office to close it (申请销号). */
  submit?: boolean | undefined;
  files?: EvidenceFile[] | undefined;
}

export function checkEvidence(files: readonly EvidenceFile[]): EvidenceFile[] {
  if (files.length > EVIDENCE_MAX_FILES) throw invalid('files', `每次最多上传 ${EVIDENCE_MAX_FILES} 个佐证文件，请分次报送`);
  return files.map((f, i) => {
    const fileName = f.fileName?.trim();
    if (!fileName) throw invalid(`files.${i}.fileName`, `第 ${i + 1} 个文件没有文件名`);
    if (f.data.length === 0) throw invalid(`files.${i}`, `文件「${fileName}」是空文件，请重新选择`);
    if (f.data.length > EVIDENCE_MAX_BYTES) throw invalid(`files.${i}`, `文件「${fileName}」超过 5 MB，请压缩或拆分后上传（扫描件可降低分辨率）`, 'file_too_large');
    return { fileName, contentType: f.contentType?.trim() || 'application/octet-stream', data: f.data };
  });
}

export async function reportProgress(db: Db, actor: Actor, id: number, input: ProgressInput): Promise<FindingView> {
  const note = input.note?.trim();
  if (!note) throw invalid('note', input.submit ? '申请销号请说明整改完成情况' : '请填写整改进展');
  const files = checkEvidence(input.files ?? []);
  return act(db, actor, id, input.submit ? 'submit' : 'progress', async (_trx, row) => {
    if (!mayReport(actor, row, row.unit_path)) throw forbidden(`只有责任单位（${row.unit_name ?? '未分派'}）或合管办可以报送整改情况`);
    return { kind: input.submit ? 'submitted' : 'progress', note, files };
  });
}

export async function decideFinding(db: Db, actor: Actor, id: number, input: { accept: boolean; note?: string | undefined }): Promise<FindingView> {
  requirePermission(actor, 'ncms.manage');
  const note = input.note?.trim() ?? '';
  if (!input.accept && !note) throw invalid('note', '退回请写明原因和需要补充的整改内容');
  return act(db, actor, id, input.accept ? 'close' : 'return', async () => ({ kind: input.accept ? 'closed' : 'returned', note: note || '验收通过，同意销号' }));
}

export async function evidenceFile(db: Db, actor: Actor, evidenceId: number): Promise<{ fileName: string; contentType: string; data: Buffer }> {
  const row = await db.selectFrom('ncms_finding_evidence').select(['finding_id', 'file_name', 'content_type', 'data']).where('id', '=', evidenceId).executeTakeFirst();
  if (!row) throw notFound('佐证材料');
  await loadFinding(db, actor, row.finding_id); // the finding's scope decides
  return { fileName: row.file_name, contentType: row.content_type, data: Buffer.from(row.data) };
}
