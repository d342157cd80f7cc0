import { sql } from 'kysely';
import type { TimelineEvent, TimelineProvider } from './types.ts';
import { SECTION_NAMES } from '../sections.ts';
import { describeCheck } from '../health-checks.ts';

const FIELD_NAMES: Record<string, string> = { ...SECTION_NAMES, medium: '档案形式', institutionId: '建档单位', responsibleDoctor: '责任医生' };

/** The record's own: when it was opened and each later edit (record keeping, not a service), and health checks (services). */
export const recordTimelineProvider: TimelineProvider = {
  module: 'records',
  label: '健康档案',
  async fetch(db, _actor, personId) {
    const rows = await db
      .selectFrom('health_record_version as v')
      .innerJoin('health_record as r', 'r.id', 'v.record_id')
      .select(['v.version', 'v.sections', 'v.changed_by_name', 'r.record_no', 'r.created_on', 'r.institution_name', sql<string>`(v.changed_at at time zone 'Asia/Shanghai')::date::text`.as('changed_on')])
      .where('r.person_id', '=', personId)
      .orderBy('v.version')
      .execute();
    const checks = await db
      .selectFrom('health_check')
      .select(['checked_on', 'institution_name', 'doctor', 'systolic', 'diastolic', 'height_cm', 'weight_kg', 'conclusion'])
      .where('person_id', '=', personId)
      .execute();
    const checkEvents = checks.map(
      (c): TimelineEvent => ({
        date: c.checked_on,
        module: 'records',
        kind: 'health_check',
        title: '健康体检',
        detail: describeCheck({ systolic: c.systolic, diastolic: c.diastolic, heightCm: c.height_cm, weightKg: c.weight_kg, conclusion: c.conclusion, doctor: c.doctor }),
        institutionName: c.institution_name ?? undefined,
        service: true,
      }),
    );
    return [...checkEvents, ...rows.map((r): TimelineEvent =>
      r.version === 1
        ? { date: r.created_on, module: 'records', kind: 'created', title: '建立健康档案', detail: `档案编号 ${r.record_no}；建档人 ${r.changed_by_name}`, institutionName: r.institution_name ?? undefined, service: false }
        : { date: r.changed_on, module: 'records', kind: 'updated', title: '修改健康档案', detail: `${r.sections.map((s) => FIELD_NAMES[s] ?? s).join('、')}；修改人 ${r.changed_by_name}`, service: false },
    )];
  },
  // Health checks are services; keeping the record is not.
  servedPersons: (db, _actor, range) => db.selectFrom('health_check').select('person_id').where('checked_on', '>=', range.from).where('checked_on', '<=', range.to),
};
