/** 审核, 确认 and 删除 of a card: the status flow of card-rules.ts, each step in the card's history and the audit log. */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../../core/auth/actor.ts';
import { recordAudit } from '../../../core/audit/audit-log.ts';
import { inTransaction } from '../../../core/db/in-transaction.ts';
import { AppError, invalid } from '../../../core/errors.ts';
import { CARD_STATUS_NAMES, TRANSITIONS } from './card-rules.ts';
import { lockCard, requireReporterOrCdc } from './card-access.ts';

export type StatusAction = 'check' | 'confirm' | 'delete';

export async function changeCardStatus(db: Db, actor: Actor, cardId: number, action: StatusAction, reason?: string): Promise<void> {
  const t = TRANSITIONS[action];
  requirePermission(actor, t.permission);
  await inTransaction(db, async (trx) => {
    const card = await lockCard(trx, actor, cardId);
    if (!t.from.includes(card.status)) {
      throw new AppError('card_status', `报告卡当前状态为「${CARD_STATUS_NAMES[card.status]}」，不能${t.name}（${t.name}须在「${t.from.map((s) => CARD_STATUS_NAMES[s]).join('」或「')}」时进行）`, 409);
    }
    requireReporterOrCdc(actor, card.institution_id, t);
    const why = reason?.trim() || null;
    if (t.needsReason && !why) throw invalid('reason', `请填写${t.name}原因`);
    const stamp = sql<Date>`now()`;
    const set =
      action === 'check'
        ? { checked_at: stamp, checked_by_name: actor.name }
        : action === 'confirm'
          ? { confirmed_at: stamp, confirmed_by_name: actor.name }
          : { deleted_at: stamp, deleted_by_name: actor.name, delete_reason: why };
    await trx.updateTable('disease_card').set({ ...set, status: t.to, updated_at: stamp }).where('id', '=', cardId).execute();
    await trx.insertInto('disease_card_event').values({ card_id: cardId, version: card.version, action, from_status: card.status, to_status: t.to, by_id: actor.userId, by_name: actor.name, reason: why }).execute();
    await recordAudit(trx, actor, { action, entity: 'disease_card', entityId: cardId, areaId: card.area_id, before: { status: card.status }, after: { status: t.to, reason: why } });
  });
}
