/** 甲类传染病预警: class A and managed-as-A cards shown to the CDC at once, until acknowledged. */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { conflict, notFound } from '../../../core/errors.ts';
import { scopedCards } from './card-access.ts';
import { diseaseLabel } from './card-query.ts';

export interface CardAlert {
  id: number;
  cardId: number;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  patientName: string;
  disease: string;
  institutionName: string;
  areaName: string;
  diagnosedAt: string;
}

export async function listAlerts(db: Db, actor: Actor, filter: { open?: boolean | undefined } = {}): Promise<{ items: CardAlert[]; open: number }> {
  requirePermission(actor, 'disease.read');
  const base = scopedCards(db, actor).innerJoin('disease_card_alert as a', 'a.card_id', 'c.id');
  let query = base
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .innerJoin('area as v', 'v.id', 'c.area_id')
    .select(['a.id', 'a.card_id', 'a.raised_at', 'a.acknowledged_at', 'a.acknowledged_by_name', 'c.patient_name', 'c.disease_id', 'c.list_id', 'c.form_id', 'c.icd10', 'i.name as institution_name', 'v.name as area_name', 'c.diagnosed_at']);
  if (filter.open) query = query.where('a.acknowledged_at', 'is', null);
  const [rows, open] = await Promise.all([
    query.orderBy('a.raised_at', 'desc').limit(200).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).where('a.acknowledged_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return {
    open: open.n,
    items: rows.map((r) => ({
      id: r.id,
      cardId: r.card_id,
      raisedAt: r.raised_at.toISOString(),
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: r.acknowledged_by_name,
      patientName: r.patient_name,
      disease: diseaseLabel(r),
      institutionName: r.institution_name,
      areaName: r.area_name,
      diagnosedAt: r.diagnosed_at.toISOString(),
    })),
  };
}

/** The CDC has seen the alert: who and when are kept. */
export async function acknowledgeAlert(db: Db, actor: Actor, alertId: number): Promise<void> {
  requirePermission(actor, 'disease.confirm');
  await inTransaction(db, async (trx) => {
    const alert = await scopedCards(trx, actor)
      .innerJoin('disease_card_alert as a', 'a.card_id', 'c.id')
      .select(['a.id', 'a.acknowledged_at', 'c.area_id', 'c.id as card_id'])
      .where('a.id', '=', alertId)
      .forUpdate('a')
      .executeTakeFirst();
    if (!alert) throw notFound('预警');
    if (alert.acknowledged_at) throw conflict('alert_acknowledged', '该预警已经确认收到，无需重复操作');
    await trx.updateTable('disease_card_alert').set({ acknowledged_at: sql`now()`, acknowledged_by: actor.userId, acknowledged_by_name: actor.name }).where('id', '=', alertId).execute();
    await recordAudit(trx, actor, { action: 'acknowledge', entity: 'disease_card_alert', entityId: alertId, areaId: alert.area_id, after: { cardId: alert.card_id } });
  });
}
