/**
 * NCMS claims on the resident health record timeline: each visit or admission (就诊) the NCMS paid for is a health
 * service given to the resident. Lives in the claims module so only it reads its tables; registered in
 * src/timeline-providers.ts. Reversed claims (冲销: entered in error) are left out.
 *
 * Details follow the claims' own visibility (claimVisibleTo): a user who may not read claims sees none. Whether a
 * resident was served (for the records' use rate) does not depend on the viewer: the records' indicators count only
 * the residents of the viewer's area, so the rate of an area is the same for everyone who sees it.
 */
import type { Db } from '../../core/db/connection.ts';
import { can } from '../../core/auth/roles.ts';
import type { DateRange, TimelineEvent, TimelineProvider } from '../../publichealth/records/timeline/types.ts';
import { claimVisibleTo } from './access.ts';
import { CLAIM_KINDS, CLAIM_STATUSES } from './vocabulary.ts';

function claimsIn(db: Db, range: DateRange) {
  let query = db.selectFrom('ncms_claim as c').where('c.status', '!=', 'reversed');
  if (range.from) query = query.where('c.admitted_on', '>=', range.from);
  if (range.to) query = query.where('c.admitted_on', '<=', range.to);
  return query;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

export const claimsTimelineProvider: TimelineProvider = {
  module: 'ncms',
  label: '新农合就诊',
  async fetch(db, actor, personId, range) {
    if (!can(actor.role, 'ncms.read') && !can(actor.role, 'ncms.settle')) return [];
    const rows = await claimsIn(db, range)
      .where('c.person_id', '=', personId)
      .where(claimVisibleTo(db, actor))
      .select(['c.kind', 'c.admitted_on', 'c.discharged_on', 'c.diagnosis', 'c.status', 'c.total_fen', 'c.pay_fen', 'c.institution_name', 'c.claim_no'])
      .execute();
    return rows.map((c): TimelineEvent => {
      const stay = c.discharged_on && c.discharged_on !== c.admitted_on ? `，${c.discharged_on} 出院` : '';
      const paid = c.status === 'settled' && c.pay_fen !== null ? `，新农合支付 ${yuan(c.pay_fen)} 元` : '';
      return {
        date: c.admitted_on,
        module: 'ncms',
        kind: c.kind,
        title: `${CLAIM_KINDS[c.kind]}${c.diagnosis ? `：${c.diagnosis}` : ''}`,
        detail: `${CLAIM_STATUSES[c.status]}${stay}；总费用 ${yuan(c.total_fen)} 元${paid}；报销单号 ${c.claim_no}`,
        institutionName: c.institution_name,
        service: true,
      };
    });
  },
  servedPersons: (db, _actor, range) => claimsIn(db, range).select('c.person_id'),
};
