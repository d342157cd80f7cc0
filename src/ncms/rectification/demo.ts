import { createHash } from 'node:crypto';
import type { ModuleDemoStep } from '../../module-demos.ts';
import { systemActor } from '../../core/auth/actor.ts';
import { addDays } from '../../core/dates.ts';
import { insertColumns } from '../../core/demo/bulk-insert.ts';
import { nextIds } from '../../core/db/next-ids.ts';
import { villagesWithTownships } from '../../core/areas/village-list.ts';
import { listInstitutions } from '../../core/institutions/institutions.ts';
import type { FindingEventKind, FindingStatus } from '../db/rectification-schema.ts';
import { DEMO_FINDINGS, DEMO_STAGES } from './demo-findings.ts';

/** Events a finding at each stage has been through, after its creation. */
const HISTORY: Record<FindingStatus, FindingEventKind[]> = {
  pending: ['created'],
  in_progress: ['created', 'assigned', 'progress'],
  submitted: ['created', 'assigned', 'progress', 'submitted'],
  returned: ['created', 'assigned', 'progress', 'submitted', 'returned'],
  closed: ['created', 'assigned', 'progress', 'submitted', 'closed'],
};
const NOTES: Record<FindingEventKind, string> = {
  created: '',
  assigned: '',
  progress: '已召开专题会议，制定整改方案，明确责任人，逐项整改',
  submitted: '已按整改方案完成整改，附整改报告，申请销号',
  returned: '整改佐证材料不全，请补充相关凭证后重新申请',
  closed: '经核查整改到位，同意销号',
};

/**
 * A provincial audit of the NCMS fund 150 days before the as-of day, with its 26 findings at different stages:
 * assigned 10 days after the audit with deadlines of 60 to 180 days (so some under way are overdue), progress with a
 * short report as evidence, some submitted, returned or closed. Written in bulk with times derived from the as-of day.
 */
export const rectificationDemoSteps: ModuleDemoStep[] = [
  {
    module: 'ncms_rectification',
    label: '新农合审计整改',
    unit: '项',
    async generate(db, { asOf, onProgress }) {
      const started = Date.now();
      const actor = systemActor('演示数据生成');
      const office = '刘丽华';
      const auditedOn = addDays(asOf, -150);
      const townships = [...new Map((await villagesWithTownships(db, actor)).map((v) => [v.townshipId, v])).values()];
      const institutions = (level: string) => listInstitutions(db, actor, { level, pageSize: 50 }).then((p) => p.items.filter((i) => i.designations.includes('ncms_designated')));
      const hospitals = await institutions('county');
      const centres = await institutions('township');
      const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;

      const [auditId] = await nextIds(db, 'ncms_audit', 1);
      await insertColumns(db, 'ncms_audit', [
        ['id', 'int', [auditId]],
        ['title', 'text', [`${Number(auditedOn.slice(0, 4)) - 1} 年度新农合基金省级专项审计`]],
        ['auditor', 'text', ['省审计厅']],
        ['report_no', 'text', [`审农报〔${auditedOn.slice(0, 4)}〕17 号`]],
        ['audited_on', 'date', [auditedOn]],
        ['created_by_name', 'text', [office]],
        ['created_at', 'timestamptz', [at(addDays(auditedOn, 5), 2)]],
      ]);

      const findingIds = await nextIds(db, 'ncms_audit_finding', DEMO_FINDINGS.length);
      const findings = DEMO_FINDINGS.map(([text, category, severity, unitOf], i) => {
        const status: FindingStatus = unitOf === null ? 'pending' : DEMO_STAGES[i]!;
        const unit =
          unitOf === 'township' && townships.length ? { kind: 'township' as const, township: townships[i % townships.length]! }
          : unitOf === 'county_hospital' && hospitals.length ? { kind: 'institution' as const, institution: hospitals[i % hospitals.length]! }
          : unitOf === 'township_centre' && centres.length ? { kind: 'institution' as const, institution: centres[i % centres.length]! }
          : null;
        return { id: findingIds[i]!, number: i + 1, text, category, severity, status: unit ? status : 'pending', unit, deadline: unit ? addDays(auditedOn, 60 + (i % 5) * 30) : null };
      });
      const assignedOn = addDays(auditedOn, 10);
      const events = findings.flatMap((f) =>
        HISTORY[f.status].map((kind, step) => ({
          finding: f.id,
          kind,
          note: kind === 'created' ? f.text : kind === 'assigned' ? `分派：责任单位 ${unitName(f.unit)}；整改期限 ${f.deadline}` : NOTES[kind],
          actor: kind === 'progress' || kind === 'submitted' ? `${unitName(f.unit)}经办人` : office,
          at: at(step === 0 ? addDays(auditedOn, 5) : addDays(assignedOn, step * 12 + (f.number % 7)), 2 + step),
        })),
      );
      const eventIds = await nextIds(db, 'ncms_finding_event', events.length);
      const lastAt = new Map<number, string>();
      events.forEach((e) => lastAt.set(e.finding, e.at));

      await insertColumns(db, 'ncms_audit_finding', [
        ['id', 'int', findings.map((f) => f.id)],
        ['audit_id', 'int', findings.map(() => auditId)],
        ['number', 'int', findings.map((f) => f.number)],
        ['text', 'text', findings.map((f) => f.text)],
        ['category', 'text', findings.map((f) => f.category)],
        ['severity', 'text', findings.map((f) => f.severity)],
        ['status', 'text', findings.map((f) => f.status)],
        ['unit_kind', 'text', findings.map((f) => f.unit?.kind ?? null)],
        ['township_id', 'int', findings.map((f) => (f.unit?.kind === 'township' ? f.unit.township.townshipId : null))],
        ['institution_id', 'int', findings.map((f) => (f.unit?.kind === 'institution' ? f.unit.institution.id : null))],
        ['unit_name', 'text', findings.map((f) => (f.unit ? unitName(f.unit) : null))],
        ['unit_area_id', 'int', findings.map((f) => (f.unit?.kind === 'township' ? f.unit.township.townshipId : f.unit?.kind === 'institution' ? f.unit.institution.areaId : null))],
        ['deadline', 'date', findings.map((f) => f.deadline)],
        ['closed_at', 'timestamptz', findings.map((f) => (f.status === 'closed' ? lastAt.get(f.id)! : null))],
        ['updated_at', 'timestamptz', findings.map((f) => lastAt.get(f.id)!)],
      ]);
      await insertColumns(db, 'ncms_finding_event', [
        ['id', 'int', eventIds],
        ['finding_id', 'int', events.map((e) => e.finding)],
        ['kind', 'text', events.map((e) => e.kind)],
        ['note', 'text', events.map((e) => e.note)],
        ['actor_name', 'text', events.map((e) => e.actor)],
        ['at', 'timestamptz', events.map((e) => e.at)],
      ]);
      // Each progress report carries a short written report as its evidence.
      const reports = events.map((e, i) => ({ e, id: eventIds[i]! })).filter(({ e }) => e.kind === 'progress');
      const report = (f: number) => Buffer.from(`整改情况报告\n问题：${findings.find((x) => x.id === f)!.text}\n${NOTES.progress}。\n`, 'utf8');
      for (const { e, id } of reports) {
        const data = report(e.finding);
        await db
          .insertInto('ncms_finding_evidence')
          .values({ event_id: id, finding_id: e.finding, file_name: '整改情况报告.txt', content_type: 'text/plain; charset=utf-8', size_bytes: data.length, sha256: sha256(data), data })
          .execute();
      }
      onProgress?.({ done: findings.length, total: findings.length, elapsedMs: Date.now() - started });
      const by = (s: FindingStatus) => findings.filter((f) => f.status === s).length;
      const overdue = findings.filter((f) => f.status !== 'closed' && f.deadline !== null && f.deadline < asOf).length;
      return {
        text: `审计整改 1 次审计 ${findings.length} 个问题（已销号 ${by('closed')}，待验收 ${by('submitted')}，退回 ${by('returned')}，整改中 ${by('in_progress')}，逾期 ${overdue}）`,
        counts: { audits: 1, findings: findings.length, closed: by('closed'), submitted: by('submitted'), returned: by('returned'), inProgress: by('in_progress'), pending: by('pending'), overdue, evidence: reports.length },
      };
    },
  },
];

type DemoFindingUnit = { kind: 'township'; township: { townshipName: string } } | { kind: 'institution'; institution: { name: string } } | null;
function unitName(unit: DemoFindingUnit): string {
  if (!unit) return '';
  return unit.kind === 'township' ? unit.township.townshipName : unit.institution.name;
}
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
