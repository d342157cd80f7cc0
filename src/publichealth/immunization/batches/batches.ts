/**
 * Vaccine batches and stock (疫苗批次与库存) of the immunization clinics: receiving, the stock list with expiry
 * warnings, the FEFO suggestion, and the stock movements of doses (taken in the dose's transaction, given back when a
 * dose is deleted or moved to another batch).
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { isRealDate, todayInShanghai } from '../../../core/dates.ts';
import { conflict, invalid, notFound } from '../../../core/errors.ts';
import { requireText } from '../../../core/institutions/institution-rules.ts';
import { institutionIdsIn } from '../../../core/institutions/institutions.ts';
import { NIP_SCHEDULES } from '../schedules/index.ts';
import type { VaccineCode } from '../schedules/schema.ts';
import { clinicIdOf, clinicInScope } from '../registry/access.ts';
import { batchProblem, expiryWarning, pickFefo, type BatchFacts, type ExpiryWarning } from './batch-rules.ts';

export interface NewBatch {
  /** By default the user's own institution. */
  institutionId?: number | undefined;
  vaccine: string;
  manufacturer: string;
  batchNo: string;
  expiry: string;
  quantity: number;
  receivedOn?: string | undefined;
}

export interface BatchView extends BatchFacts {
  institutionName: string;
  vaccineName: string;
  manufacturer: string;
  receivedQty: number;
  /** expired: past its expiry on the day asked; expiring: within 30 days of it. */
  warning: ExpiryWarning;
}

/** The Chinese name of a schedule vaccine code, or an error naming the field when the code is unknown. */
export function vaccineName(code: string, field = 'vaccine'): string {
  const v = NIP_SCHEDULES.vaccines.get(code as VaccineCode);
  if (!v) throw invalid(field, `未知的疫苗代码「${code}」，可用代码：${[...NIP_SCHEDULES.vaccines.keys()].join('、')}`, 'unknown_vaccine');
  return v.name;
}

function batchColumns(db: Db) {
  return db
    .selectFrom('imm_batch')
    .innerJoin('institution', 'institution.id', 'imm_batch.institution_id')
    .select([
      'imm_batch.id',
      'imm_batch.institution_id as institutionId',
      'institution.name as institutionName',
      'imm_batch.vaccine',
      'imm_batch.manufacturer',
      'imm_batch.batch_no as batchNo',
      'imm_batch.expiry',
      'imm_batch.received_on as receivedOn',
      'imm_batch.received_qty as receivedQty',
      'imm_batch.remaining',
    ]);
}
type BatchRow = Awaited<ReturnType<ReturnType<typeof batchColumns>['executeTakeFirstOrThrow']>>;

const toView = (row: BatchRow, on: string): BatchView => ({ ...row, vaccineName: vaccineName(row.vaccine), warning: expiryWarning(row.expiry, on) });

/**
 * Receives a delivery (入库). A second delivery of the same batch number at the same clinic adds to it when
 * manufacturer and expiry agree; a different expiry under the same number is refused as a typing error.
 */
export async function receiveBatch(db: Db, actor: Actor, input: NewBatch): Promise<BatchView> {
  requirePermission(actor, 'immunization.write');
  vaccineName(input.vaccine);
  const manufacturer = requireText(input.manufacturer, 'manufacturer', '生产企业');
  const batchNo = requireText(input.batchNo, 'batchNo', '批号');
  if (!isRealDate(input.expiry)) throw invalid('expiry', `有效期「${input.expiry}」无效，应为 YYYY-MM-DD`);
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw invalid('quantity', `入库数量应为正整数（支/剂），收到 ${input.quantity}`);
  const receivedOn = input.receivedOn ?? todayInShanghai();
  if (!isRealDate(receivedOn)) throw invalid('receivedOn', `入库日期「${receivedOn}」无效，应为 YYYY-MM-DD`);
  if (receivedOn > todayInShanghai()) throw invalid('receivedOn', `入库日期 ${receivedOn} 不能晚于今天`);
  if (input.expiry < receivedOn) throw invalid('expiry', `批号 ${batchNo} 已于 ${input.expiry} 过期，不能入库`);
  return inTransaction(db, async (trx) => {
    const clinic = await clinicInScope(trx, actor, clinicIdOf(actor, input.institutionId));
    const existing = await trx
      .selectFrom('imm_batch')
      .selectAll()
      .where('institution_id', '=', clinic.id)
      .where('vaccine', '=', input.vaccine)
      .where('batch_no', '=', batchNo)
      .forUpdate()
      .executeTakeFirst();
    let id: number;
    if (existing) {
      if (existing.expiry !== input.expiry || existing.manufacturer !== manufacturer) {
        throw conflict(
          'batch_mismatch',
          `本单位已有批号 ${batchNo}（${existing.manufacturer}，有效期至 ${existing.expiry}），与本次填写的生产企业或有效期不一致，请核对`,
          'batchNo',
        );
      }
      await trx
        .updateTable('imm_batch')
        .set({ received_qty: sql`received_qty + ${input.quantity}`, remaining: sql`remaining + ${input.quantity}` })
        .where('id', '=', existing.id)
        .execute();
      id = existing.id;
    } else {
      const row = await trx
        .insertInto('imm_batch')
        .values({
          institution_id: clinic.id,
          vaccine: input.vaccine,
          manufacturer,
          batch_no: batchNo,
          expiry: input.expiry,
          received_qty: input.quantity,
          remaining: input.quantity,
          received_on: receivedOn,
          received_by_name: actor.name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await trx.insertInto('imm_stock_movement').values({ batch_id: id, kind: 'receive', quantity: input.quantity, by_name: actor.name }).execute();
    await recordAudit(trx, actor, {
      action: 'receive',
      entity: 'imm_batch',
      entityId: id,
      areaId: clinic.areaId,
      after: { institutionId: clinic.id, vaccine: input.vaccine, manufacturer, batchNo, expiry: input.expiry, quantity: input.quantity, receivedOn },
    });
    return toView(await batchColumns(trx).where('imm_batch.id', '=', id).executeTakeFirstOrThrow(), todayInShanghai());
  });
}

export interface StockFilter {
  institutionId?: number | undefined;
  vaccine?: string | undefined;
  /** The day the warnings are judged on; today by default. */
  on?: string | undefined;
  /** Also list batches used up. */
  includeEmpty?: boolean | undefined;
}

/** Stock by clinic in the caller's scope, earliest expiry first, each batch with its expiry warning. */
export async function listStock(db: Db, actor: Actor, filter: StockFilter = {}): Promise<BatchView[]> {
  requirePermission(actor, 'immunization.read');
  const on = filter.on ?? todayInShanghai();
  if (!isRealDate(on)) throw invalid('on', `日期「${on}」无效，应为 YYYY-MM-DD`);
  if (filter.vaccine) vaccineName(filter.vaccine);
  let query = batchColumns(db).where('imm_batch.institution_id', 'in', institutionIdsIn(db, actor.scope));
  if (filter.institutionId !== undefined) query = query.where('imm_batch.institution_id', '=', (await clinicInScope(db, actor, filter.institutionId)).id);
  if (filter.vaccine) query = query.where('imm_batch.vaccine', '=', filter.vaccine);
  if (!filter.includeEmpty) query = query.where('imm_batch.remaining', '>', 0);
  const rows = await query.orderBy('institution.name').orderBy('imm_batch.vaccine').orderBy('imm_batch.expiry').orderBy('imm_batch.id').execute();
  return rows.map((r) => toView(r, on));
}

/** The batches of a vaccine a clinic holds with stock left, for FEFO. */
async function candidates(db: Db, institutionId: number, vaccine: string): Promise<BatchRow[]> {
  return batchColumns(db)
    .where('imm_batch.institution_id', '=', institutionId)
    .where('imm_batch.vaccine', '=', vaccine)
    .where('imm_batch.remaining', '>', 0)
    .execute();
}

/** FEFO (先到期先用): the batch a dose of `vaccine` given at the clinic on `date` should use; null when none is usable. */
export async function suggestBatch(db: Db, actor: Actor, institutionId: number | undefined, vaccine: string, date: string = todayInShanghai()): Promise<BatchView | null> {
  requirePermission(actor, 'immunization.read');
  vaccineName(vaccine);
  if (!isRealDate(date)) throw invalid('date', `接种日期「${date}」无效，应为 YYYY-MM-DD`);
  const clinic = await clinicInScope(db, actor, clinicIdOf(actor, institutionId));
  const best = pickFefo(await candidates(db, clinic.id, vaccine), { vaccine, institutionId: clinic.id, date });
  return best ? toView(best, date) : null;
}

/**
 * Takes one dose from a batch inside the dose's transaction: the given batch, or the FEFO one when none is given.
 * Every reason it cannot be used names the batch (expired on the dose date, another vaccine, another clinic, empty).
 */
export async function takeDose(trx: Db, actor: Actor, use: { batchId?: number | undefined; institutionId: number; vaccine: string; date: string; doseId: number }): Promise<BatchFacts> {
  let batch: BatchRow | undefined;
  if (use.batchId !== undefined) {
    batch = await batchColumns(trx).where('imm_batch.id', '=', use.batchId).where('imm_batch.institution_id', 'in', institutionIdsIn(trx, actor.scope)).forUpdate('imm_batch').executeTakeFirst();
    if (!batch) throw invalid('batchId', `疫苗批次（编号 ${use.batchId}）不存在或不在您的管辖范围内`, 'unknown_batch');
    const problem = batchProblem(batch, use);
    if (problem) throw invalid('batchId', problem, 'batch_unusable');
  } else {
    batch = pickFefo(await candidates(trx, use.institutionId, use.vaccine), use);
    if (!batch) throw invalid('batchId', `本接种单位没有可用于 ${use.date} 的 ${use.vaccine} 疫苗批次（均已过期、用完或尚未入库），请先入库`, 'no_usable_batch');
    await trx.selectFrom('imm_batch').select('id').where('id', '=', batch.id).forUpdate().execute();
  }
  // remaining > 0 in the statement as well: a concurrent dose that took the last one makes this a clear error.
  const taken = await trx.updateTable('imm_batch').set({ remaining: sql`remaining - 1` }).where('id', '=', batch.id).where('remaining', '>', 0).executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) throw invalid('batchId', `批号 ${batch.batchNo} 已无库存`, 'batch_unusable');
  await trx.insertInto('imm_stock_movement').values({ batch_id: batch.id, kind: 'dose', quantity: -1, dose_id: use.doseId, by_name: actor.name }).execute();
  return { ...batch, remaining: batch.remaining - 1 };
}

/** Gives a deleted or moved dose back to its batch's stock. */
export async function returnDose(trx: Db, actor: Actor, batchId: number, doseId: number, reason: string): Promise<void> {
  const updated = await trx.updateTable('imm_batch').set({ remaining: sql`remaining + 1` }).where('id', '=', batchId).where(sql<boolean>`remaining < received_qty`).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw notFound('疫苗批次');
  await trx.insertInto('imm_stock_movement').values({ batch_id: batchId, kind: 'dose_return', quantity: 1, dose_id: doseId, reason, by_name: actor.name }).execute();
}

/** A batch's number, for showing a dose (the batch may be held by a clinic outside the caller's scope). */
export async function batchNumbers(db: Db, ids: readonly number[]): Promise<Map<number, { batchNo: string; manufacturer: string; expiry: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('imm_batch').select(['id', 'batch_no', 'manufacturer', 'expiry']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { batchNo: r.batch_no, manufacturer: r.manufacturer, expiry: r.expiry }]));
}
