/**
 * The immunization demo step: every child of the demo county under 7 registered at the immunization clinic of the
 * township it lives in (a few migrant children living in another township, a few moved away), certificates numbered as
 * the registry numbers them, doses walked along the engine's plan with village-level habits (most villages above 90 %
 * coverage, a few lagging), and the batches of each clinic with stock that matches the doses taken. Bulk inserts in
 * the caller's transaction over a freshly generated demo county; the same seed and as-of day give the same data.
 */
import { sql } from 'kysely';
import type { Db } from '../../../core/db/connection.ts';
import { systemActor } from '../../../core/auth/actor.ts';
import { isRealDate } from '../../../core/dates.ts';
import { invalid } from '../../../core/errors.ts';
import { createRandom } from '../../../core/demo/random.ts';
import { RowBatch } from '../../../core/demo/bulk-insert.ts';
import type { ModuleDemoContext, ModuleDemoStep, ModuleDemoSummary } from '../../../module-demos.ts';
import { certificatePrefix, formatCertificateNo } from '../registry/certificate-no.ts';
import { DemoBatches } from './demo-batches.ts';
import { drawDemoChildren, loadDemoClinics, type DemoChild } from './demo-children.ts';
import { DEMO_VACCINES } from './demo-vaccines.ts';
import type { VaccineCode } from '../schedules/schema.ts';
import { doseHistory } from './demo-history.ts';
import { withBulkLoad } from '../../../core/demo/bulk-load.ts';

const BATCH = 10_000;
const BY = '演示数据生成';

/** The id after the table's highest, so rows can be linked before they are written (the sequence is set after). */
const nextId = async (db: Db, table: 'imm_batch' | 'imm_child' | 'imm_dose') => 1 + Number((await db.selectFrom(table).select((eb) => eb.fn.max('id').as('n')).executeTakeFirstOrThrow()).n ?? 0);

/** 09:00 in the county on a day, as a timestamptz literal. */
const morning = (day: string) => `${day}T09:00:00+08:00`;

export async function generateImmunizationDemo(db: Db, context: ModuleDemoContext): Promise<ModuleDemoSummary> {
  const { seed, asOf } = context;
  if (!isRealDate(asOf)) throw invalid('asOf', `截至日期应为 YYYY-MM-DD 格式的有效日期，收到「${asOf}」`);
  const started = Date.now();
  const actor = systemActor(BY);
  const random = createRandom(`${seed}:immunization`);

  const county = await loadDemoClinics(db, actor);
  const clinics = county.clinics;
  const children = await drawDemoChildren(db, actor, random, county, asOf);
  let done = 0;
  const total = children.length;
  const progress = (n: number) => {
    done += n;
    context.onProgress?.({ done, total, elapsedMs: Date.now() - started });
  };

  // Certificates: numbered per township prefix and year of issue in the order of issue, as allocateCertificateNo would.
  const sequences = new Map<string, number>();
  const certificate = new Map<DemoChild, string>();
  const issued = children.filter((c) => c.certificateIssuedOn !== null).sort((a, b) => (a.certificateIssuedOn! < b.certificateIssuedOn! ? -1 : a.certificateIssuedOn! > b.certificateIssuedOn! ? 1 : a.order - b.order));
  for (const c of issued) {
    const prefix = certificatePrefix(c.clinic.areaCode);
    const year = Number(c.certificateIssuedOn!.slice(0, 4));
    const key = `${prefix}|${year}`;
    const n = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, n);
    certificate.set(c, formatCertificateNo(prefix, year, n));
  }

  const childRows = new RowBatch<{ id: number; c: DemoChild }>('imm_child', [
    ['id', 'int', (r) => r.id],
    ['person_id', 'int', (r) => r.c.personId],
    ['clinic_id', 'int', (r) => r.c.clinic.id],
    ['area_id', 'int', (r) => r.c.areaId],
    ['address', 'text', (r) => r.c.address],
    ['residence', 'text', (r) => r.c.residence],
    ['status', 'text', (r) => r.c.status],
    ['status_date', 'date', (r) => r.c.statusDate],
    ['certificate_no', 'text', (r) => certificate.get(r.c) ?? null],
    ['certificate_issued_on', 'date', (r) => r.c.certificateIssuedOn],
    ['guardian_name', 'text', (r) => r.c.guardianName],
    ['guardian_phone', 'text', (r) => r.c.guardianPhone],
    ['registered_at', 'timestamptz', (r) => morning(r.c.registeredOn)],
    ['registered_by_name', 'text', (r) => r.c.clinic.vaccinators[0]!],
    ['updated_at', 'timestamptz', (r) => morning(r.c.registeredOn)],
  ]);

  interface DoseRow {
    id: number;
    childId: number;
    vaccine: string;
    dose: number;
    date: string;
    batchId: number;
    clinicId: number;
    vaccinator: string;
  }
  const doseRows = new RowBatch<DoseRow>('imm_dose', [
    ['id', 'int', (r) => r.id],
    ['child_id', 'int', (r) => r.childId],
    ['vaccine', 'text', (r) => r.vaccine],
    ['dose', 'int', (r) => r.dose],
    ['given_on', 'date', (r) => r.date],
    ['batch_id', 'int', (r) => r.batchId],
    ['institution_id', 'int', (r) => r.clinicId],
    ['vaccinator', 'text', (r) => r.vaccinator],
    ['site', 'text', (r) => DEMO_VACCINES[r.vaccine as VaccineCode].site],
    ['route', 'text', (r) => DEMO_VACCINES[r.vaccine as VaccineCode].route],
    ['source', 'text', () => 'clinic'],
    ['entered_by_name', 'text', (r) => r.vaccinator],
    ['entered_at', 'timestamptz', (r) => morning(r.date)],
  ]);

  // The histories first: the batches they take from are written before the doses that name them.
  const firstBatchId = await nextId(db, 'imm_batch');
  const batches = new DemoBatches(random, asOf, firstBatchId);
  const firstChildId = await nextId(db, 'imm_child');
  const firstDoseId = await nextId(db, 'imm_dose');
  let doseId = firstDoseId - 1;
  const histories: DoseRow[][] = [];
  children.forEach((c, i) => {
    const childId = firstChildId + i;
    histories.push(
      doseHistory(random, c.birthDate, c.conditions, c.propensity, c.statusDate ?? asOf).map((g) => ({
        id: ++doseId,
        childId,
        vaccine: g.vaccine,
        dose: g.dose,
        date: g.date,
        batchId: batches.take(c.clinic, g.vaccine, g.date),
        clinicId: c.clinic.id,
        vaccinator: random.pick(c.clinic.vaccinators),
      })),
    );
  });
  const byStatus: Record<string, number> = {};
  let migrants = 0;
  for (const c of children) {
    byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    if (c.residence === 'migrant_in') migrants++;
  }

  const batchCount = await withBulkLoad(db, ['imm_child', 'imm_batch', 'imm_dose', 'imm_stock_movement'], async () => {
    const written = await batches.write(db);
    const flush = async () => {
      const n = childRows.size;
      await childRows.write(db);
      await doseRows.write(db);
      progress(n);
    };
    for (const [i, c] of children.entries()) {
      childRows.add({ id: firstChildId + i, c });
      for (const row of histories[i]!) doseRows.add(row);
      if (childRows.size >= BATCH || doseRows.size >= BATCH * 4) await flush();
    }
    await flush();
    return written;
  });
  // Conditions are a text[] column, which one unnested array cannot carry: the few children with one get it after.
  const withConditions = children.flatMap((c, i) => (c.conditions.length ? [{ id: firstChildId + i, conditions: c.conditions.join(',') }] : []));
  if (withConditions.length > 0) {
    await sql`update imm_child set conditions = string_to_array(x.conditions, ',') from unnest(${withConditions.map((c) => c.id)}::int[], ${withConditions.map((c) => c.conditions)}::text[]) as x(id, conditions) where imm_child.id = x.id`.execute(db);
  }
  if (batches.lastId >= firstBatchId) await sql`select setval(pg_get_serial_sequence('imm_batch', 'id'), ${batches.lastId})`.execute(db);
  if (children.length > 0) await sql`select setval(pg_get_serial_sequence('imm_child', 'id'), ${firstChildId + children.length - 1})`.execute(db);
  if (doseId >= firstDoseId) await sql`select setval(pg_get_serial_sequence('imm_dose', 'id'), ${doseId})`.execute(db);

  if (sequences.size > 0) {
    await db
      .insertInto('imm_certificate_counter')
      .values([...sequences].map(([key, n]) => ({ prefix: key.split('|')[0]!, year: Number(key.split('|')[1]), last_no: n })))
      .execute();
  }

  const doses = doseId - firstDoseId + 1;
  const counts = { children: children.length, byStatus, migrants, certificates: issued.length, doses, batches: batchCount, clinics: clinics.length };
  const n = (x: number) => x.toLocaleString('zh-CN');
  return {
    text: `在管儿童 ${n(byStatus.active ?? 0)} 人（流动儿童 ${n(migrants)}，迁出 ${n(byStatus.moved_away ?? 0)}），接种证 ${n(issued.length)} 本，接种记录 ${n(doses)} 剂，疫苗批次 ${n(batchCount)} 个（${clinics.length} 个接种门诊）`,
    counts,
  };
}

export const immunizationDemoStep: ModuleDemoStep = {
  module: 'immunization',
  label: '预防接种演示数据',
  unit: '人',
  generate: generateImmunizationDemo,
  tables: ['imm_child', 'imm_certificate_counter', 'imm_batch', 'imm_dose', 'imm_stock_movement'],
};
