/**
 * The immunization registry's part of the resident health record timeline: every dose given, as a health service.
 * Lives in this module so only this module reads its tables; registered in src/timeline-providers.ts.
 */
import type { Db } from '../../core/db/connection.ts';
import { requirePermission, type Actor } from '../../core/auth/actor.ts';
import { areaIdsIn } from '../../core/auth/scope-query.ts';
import type { DateRange, TimelineEvent, TimelineProvider } from '../records/timeline/types.ts';
import { vaccineName } from './batches/batches.ts';

const SOURCE_NOTES = { clinic: '', import: '（历史登记导入）', other_place: '（外地接种补录）' } as const;

/** Doses of children managed inside the actor's scope (where the child lives), within the range. */
function scopedDoses(db: Db, actor: Actor, range: DateRange) {
  let query = db
    .selectFrom('imm_dose')
    .innerJoin('imm_child', 'imm_child.id', 'imm_dose.child_id')
    .where('imm_child.area_id', 'in', areaIdsIn(db, actor.scope));
  if (range.from) query = query.where('imm_dose.given_on', '>=', range.from);
  if (range.to) query = query.where('imm_dose.given_on', '<=', range.to);
  return query;
}

export const immunizationTimelineProvider: TimelineProvider = {
  module: 'immunization',
  label: '预防接种',
  async fetch(db, actor, personId, range) {
    requirePermission(actor, 'immunization.read');
    const rows = await scopedDoses(db, actor, range)
      .leftJoin('institution', 'institution.id', 'imm_dose.institution_id')
      .leftJoin('imm_batch', 'imm_batch.id', 'imm_dose.batch_id')
      .select(['imm_dose.vaccine', 'imm_dose.dose', 'imm_dose.given_on', 'imm_dose.source', 'imm_dose.place_name', 'imm_dose.vaccinator', 'institution.name as institution_name'])
      // A clinic dose names its stock batch; a dose copied from elsewhere carries the number written on the certificate.
      .select((eb) => eb.fn.coalesce('imm_batch.batch_no', 'imm_dose.batch_no').as('batch_no'))
      .where('imm_child.person_id', '=', personId)
      .execute();
    return rows.map(
      (d): TimelineEvent => ({
        date: d.given_on,
        module: 'immunization',
        kind: 'dose',
        title: `接种 ${vaccineName(d.vaccine)} 第${d.dose}剂${SOURCE_NOTES[d.source]}`,
        detail: [d.batch_no && `批号 ${d.batch_no}`, d.vaccinator && `接种人 ${d.vaccinator}`].filter(Boolean).join('；') || undefined,
        institutionName: d.institution_name ?? d.place_name ?? undefined,
        service: true,
      }),
    );
  },
  // Whoever was vaccinated in the range, wherever the child is managed: the records' indicators count only the
  // residents of the viewer's area, so the rate of an area is the same for everyone who sees it.
  servedPersons: (db, _actor, range) =>
    db
      .selectFrom('imm_dose')
      .innerJoin('imm_child', 'imm_child.id', 'imm_dose.child_id')
      .select('imm_child.person_id')
      .where('imm_dose.given_on', '>=', range.from)
      .where('imm_dose.given_on', '<=', range.to),
};
