/**
 * Receiving a batch of visits (API call or imported file), all or nothing: every visit is checked, resends are
 * recognised by the sender's visit id, residents are matched, and only when no visit has a fault is anything written
 * (the batch, its new visits and their diagnoses, one audit entry). Any fault refuses the whole batch and lists every
 * bad visit, so a sender fixes and resends the same batch instead of working out which half arrived.
 */
import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { AppError, conflict, invalid } from '../../../core/errors.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { nextIds } from '../../../core/db/next-ids.ts';
import { isUniqueViolation } from '../../../core/db/unique-violation.ts';
import { insertColumns } from '../../../core/demo/bulk-insert.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { institutionBasics } from '../../../core/institutions/institutions.ts';
import type { VisitMatchMethod, VisitSource } from '../db/intake-schema.ts';
import type { VisitInput } from './visit-input.ts';
import { validateVisit, visitLabel, type CheckedVisit, type VisitFault } from './validate-visit.ts';
import { senderAreaPath } from './sender-area.ts';
import { matchResidents, type VisitMatch } from './match-residents.ts';
import { checkClustersForVisitBatch } from '../clusters/check-after-save.ts';
import { addVisitsToRollup } from '../ranking/visit-rollup.ts';

export interface VisitSender {
  institutionId: number;
  source: VisitSource;
  /** Who is sending: the clerk importing a file, or the API key's institution. */
  actor: Actor;
  apiKeyId?: number | undefined;
  fileName?: string | undefined;
}

export interface ReceivedVisit {
  visitId: string;
  row?: number | undefined;
  /** new: written now; repeated: received before with the same content, not written again. */
  status: 'new' | 'repeated';
  matchMethod: VisitMatchMethod;
}

export interface ReceiveResult {
  batchId: number;
  received: number;
  repeated: number;
  matched: number;
  unmatched: number;
  visits: ReceivedVisit[];
}

const REFUSED: Record<VisitSource, (bad: number) => string> = {
  api: (bad) => `${bad} 条就诊记录有错误，整批未接收（一条都没有保存）。请改正后重新发送整批`,
  file: (bad) => `文件中 ${bad} 行有错误，整个文件未导入（一行都没有保存）。请在文件中改正后重新上传`,
};

/** The file column a field is read from, for the rows of a refused file. */
const COLUMN_OF: ReadonlyArray<readonly [prefix: string, header: string]> = [
  ['visitId', '就诊编号'],
  ['patient.name', '姓名'],
  ['patient.idNumber', '身份证号'],
  ['patient.birthDate', '出生日期'],
  ['patient.sex', '性别'],
  ['visitedAt', '就诊时间'],
  ['diagnoses', '诊断编码'],
];

/**
 * The error of a refused batch: details.faults lists every fault of every bad visit; a file's also lists them as
 * rows (row number, column, message), the shape the web's upload shows.
 */
export function refusedBatch(faults: VisitFault[], source: VisitSource): AppError {
  const bad = new Set(faults.map((f) => f.index)).size;
  const rows = source === 'file' ? { rows: faults.map((f) => ({ row: f.row, column: COLUMN_OF.find(([prefix]) => f.field.startsWith(prefix))?.[1] ?? '', message: f.message })) } : {};
  return new AppError('visits_refused', `${REFUSED[source](bad)}：${faults[0]!.message}${faults.length > 1 ? ` 等 ${faults.length} 处` : ''}`, 400, { faults, ...rows });
}

export async function receiveVisits(db: Db, sender: VisitSender, inputs: ReadonlyArray<{ input: VisitInput; row?: number | undefined }>, now: Date): Promise<ReceiveResult> {
  const institution = await institutionBasics(db, sender.institutionId);
  if (!institution) throw invalid('institutionId', '报送机构不存在', 'institution_missing');
  if (!institution.active) throw invalid('institutionId', `${institution.name}已停用，不能报送就诊数据；如有疑问请联系卫健局`, 'institution_inactive');
  if (inputs.length === 0) throw invalid('visits', '没有就诊记录', 'visits_empty');

  const faults: VisitFault[] = [];
  const checked: CheckedVisit[] = [];
  inputs.forEach(({ input, row }, index) => {
    const result = validateVisit(input, index, now, row);
    if (Array.isArray(result)) faults.push(...result);
    else checked.push(result);
  });
  const seen = new Map<string, CheckedVisit>();
  for (const visit of checked) {
    const first = seen.get(visit.visitId);
    if (first) faults.push(fault(visit, 'visitId', `就诊编号与${visitLabel(first)}重复：同一批中每次就诊只能出现一次`));
    else seen.set(visit.visitId, visit);
  }

  return inTransaction(db, async (trx) => {
    const known = new Map<string, { hash: string; method: VisitMatchMethod }>();
    const ids = [...seen.keys()];
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await trx.selectFrom('disease_visit').select(['sender_visit_id', 'content_hash', 'match_method']).where('institution_id', '=', sender.institutionId).where('sender_visit_id', 'in', ids.slice(i, i + 1000)).execute();
      for (const r of rows) known.set(r.sender_visit_id, { hash: r.content_hash, method: r.match_method });
    }
    const fresh: CheckedVisit[] = [];
    const repeated: CheckedVisit[] = [];
    for (const visit of seen.values()) {
      const before = known.get(visit.visitId);
      if (before === undefined) fresh.push(visit);
      else if (before.hash === visit.contentHash) repeated.push(visit);
      else faults.push(fault(visit, 'visitId', '这个就诊编号以前已接收过，但内容与这次不同。已接收的记录不会被覆盖：如是新的就诊请换用新的就诊编号；如需更正已接收的记录请联系县疾控中心'));
    }

    const areaPath = senderAreaPath(institution.level, institution.areaPath);
    const place = { actor: { ...sender.actor, scope: { areaId: null, path: areaPath } }, ownVillageId: institution.level === 'village' ? institution.areaId : null };
    const { matches, outOfArea } = await matchResidents(trx, fresh, place);
    for (const out of outOfArea) {
      const visit = fresh.find((v) => v.index === out.index)!;
      faults.push(fault(visit, 'patient.idNumber', `患者${out.personName}住在${out.villageName}，不在${institution.name}所在乡镇的范围内。村卫生室和乡镇卫生院只报送本乡镇居民的就诊；请核对身份证号，外乡镇居民的就诊请由县级医院报送或告知县疾控中心`));
    }
    if (faults.length) throw refusedBatch(faults.sort((a, b) => a.index - b.index), sender.source);

    const [batchId] = await nextIds(trx, 'disease_visit_batch', 1);
    await trx.insertInto('disease_visit_batch').values({
      id: batchId!,
      institution_id: sender.institutionId,
      source: sender.source,
      api_key_id: sender.apiKeyId ?? null,
      file_name: sender.fileName ?? null,
      received_by: sender.actor.userId,
      received_by_name: sender.actor.name,
      visits_new: fresh.length,
      visits_repeated: repeated.length,
      received_at: now,
    }).execute();
    try {
      await writeVisits(trx, batchId!, sender, fresh, matches, now);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('visits_in_flight', '这批就诊记录中有编号正在另一批中接收，请稍后重新发送整批', 'visits');
      throw error;
    }
    await checkClustersForVisitBatch(trx, batchId!); // 聚集性疫情: the batch's villages over the days it spans
    const matched = fresh.filter((v) => matches.get(v.index)!.personId !== null).length;
    const counts = { received: fresh.length, repeated: repeated.length, matched, unmatched: fresh.length - matched };
    await recordAudit(trx, sender.actor, {
      action: sender.source === 'file' ? 'import' : 'receive',
      entity: 'disease_visit_batch',
      entityId: batchId!,
      areaId: institution.areaId,
      after: { institutionId: sender.institutionId, source: sender.source, fileName: sender.fileName ?? null, ...counts, visitIds: fresh.map((v) => v.visitId), repeatedIds: repeated.map((v) => v.visitId) },
    });
    const visits: ReceivedVisit[] = [...seen.values()].map((v) => ({
      visitId: v.visitId,
      row: v.row,
      status: known.has(v.visitId) ? 'repeated' : 'new',
      matchMethod: known.get(v.visitId)?.method ?? matches.get(v.index)!.method,
    }));
    return { batchId: batchId!, ...counts, visits };
  });
}

function fault(visit: CheckedVisit, field: string, message: string): VisitFault {
  return { index: visit.index, row: visit.row, visitId: visit.visitId, field, message: `${visitLabel(visit)}：${message}` };
}

/** The new visits and their diagnoses, column-wise: one statement each, whatever the batch size. */
async function writeVisits(trx: Db, batchId: number, sender: VisitSender, visits: readonly CheckedVisit[], matches: ReadonlyMap<number, VisitMatch>, now: Date): Promise<void> {
  if (visits.length === 0) return;
  const ids = await nextIds(trx, 'disease_visit', visits.length);
  const m = (v: CheckedVisit) => matches.get(v.index)!;
  await insertColumns(trx, 'disease_visit', [
    ['id', 'bigint', ids],
    ['institution_id', 'int', visits.map(() => sender.institutionId)],
    ['sender_visit_id', 'text', visits.map((v) => v.visitId)],
    ['batch_id', 'bigint', visits.map(() => batchId)],
    ['content_hash', 'text', visits.map((v) => v.contentHash)],
    ['person_id', 'int', visits.map((v) => m(v).personId)],
    ['match_method', 'text', visits.map((v) => m(v).method)],
    ['patient_name', 'text', visits.map((v) => v.name)],
    ['id_number', 'text', visits.map((v) => v.idNumber)],
    ['birth_date', 'date', visits.map((v) => v.birthDate)],
    ['sex', 'text', visits.map((v) => v.sex)],
    ['address', 'text', visits.map((v) => v.address ?? v.village)],
    ['residence_area_id', 'int', visits.map((v) => m(v).areaId)],
    ['department', 'text', visits.map((v) => v.department)],
    ['visited_at', 'timestamptz', visits.map((v) => v.visitedAt.toISOString())],
    ['source', 'text', visits.map(() => sender.source)],
    ['received_at', 'timestamptz', visits.map(() => now.toISOString())],
  ]);
  const diagnoses = visits.flatMap((v, i) => v.diagnoses.map((code, seq) => [ids[i]!, seq + 1, code] as const));
  await insertColumns(trx, 'disease_visit_diagnosis', [
    ['visit_id', 'bigint', diagnoses.map((d) => d[0])],
    ['seq', 'int', diagnoses.map((d) => d[1])],
    ['icd10', 'text', diagnoses.map((d) => d[2])],
  ]);
  await addVisitsToRollup(trx, { ids }); // the 疾病谱's counts, in the same transaction
}
