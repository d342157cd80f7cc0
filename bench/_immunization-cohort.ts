/**
 * A synthetic immunization registry for the benchmark, written into an empty throw-away database when the database
 * at hand has no immunization data: a county of `townships` × `villages` areas, one clinic, and children born
 * 2015-2026 (`birthsPerYear`) with the plausible dose histories of testing/synthetic-children.ts (seen at ages up to
 * 8 years, so some histories stop early), 8 % migrants, 3 % moved away, 90 % with a certificate.
 */
import { systemActor } from '../src/core/auth/actor.ts';
import type { Db } from '../src/core/db/connection.ts';
import { createArea } from '../src/core/areas/areas.ts';
import { insertColumns } from '../src/core/demo/bulk-insert.ts';
import { createInstitution } from '../src/core/institutions/institutions.ts';
import { dayFromParts, formatDay, parseDay } from '../src/publichealth/immunization/calendar.ts';
import { random, syntheticChild } from '../src/publichealth/immunization/testing/synthetic-children.ts';

const BATCH = 20_000;

export async function buildSyntheticCohort(db: Db, options: { birthsPerYear: number; townships?: number; villages?: number }, log: (line: string) => void): Promise<{ children: number; doses: number }> {
  const actor = systemActor('基准测试');
  const townships = options.townships ?? 18;
  const villagesPer = options.villages ?? 16;
  const county = await createArea(db, actor, { code: '430702000000', name: '清河县', kind: 'county' });
  const villageIds: number[] = [];
  for (let t = 0; t < townships; t++) {
    const code = `430702${100 + t}`;
    const township = await createArea(db, actor, { code: `${code}000`, name: `第${t + 1}镇`, kind: 'town', parentId: county });
    for (let v = 0; v < villagesPer; v++) {
      villageIds.push(await createArea(db, actor, { code: `${code}${200 + v}`, name: `第${t + 1}镇${v + 1}村`, kind: 'village', parentId: township }));
    }
  }
  const clinic = await createInstitution(db, actor, { code: 'BENCHIMM', name: '基准预防接种门诊', kind: 'cdc', level: 'county', areaId: county, designations: ['immunization_clinic'] });

  const next = random(20260101);
  const latest = dayFromParts(2026, 11, 30);
  const count = Math.round(options.birthsPerYear * 11.5); // syntheticChild births span 2015-01 to 2026-06
  const children = Array.from({ length: count }, () => syntheticChild(next, latest));
  log(`合成 ${count.toLocaleString('en')} 名儿童…`);
  for (let i = 0; i < count; i += BATCH) {
    const part = children.slice(i, i + BATCH);
    await insertColumns(db, 'person', [
      ['name', 'text', part.map((_, k) => `儿童${i + k}`)],
      ['sex', 'text', part.map((_, k) => ((i + k) % 2 ? 'M' : 'F'))],
      ['birth_date', 'date', part.map((c) => c.birthDate)],
    ]);
  }
  const personIds = (await db.selectFrom('person').select('id').orderBy('id').execute()).map((p) => p.id);
  for (let i = 0; i < count; i += BATCH) {
    const part = children.slice(i, i + BATCH);
    const index = part.map((_, k) => i + k);
    const movedAway = (n: number) => n % 33 === 0;
    await insertColumns(db, 'imm_child', [
      ['person_id', 'int', index.map((n) => personIds[n])],
      ['clinic_id', 'int', index.map(() => clinic)],
      ['area_id', 'int', index.map((n) => villageIds[n % villageIds.length])],
      ['residence', 'text', index.map((n) => (n % 12 === 0 ? 'migrant_in' : 'local'))],
      ['status', 'text', index.map((n) => (movedAway(n) ? 'moved_away' : 'active'))],
      ['status_date', 'date', part.map((c, k) => (movedAway(i + k) ? c.on : null))],
      ['certificate_no', 'text', index.map((n) => (n % 10 === 0 ? null : `B${n}`))],
      ['certificate_issued_on', 'date', part.map((c, k) => ((i + k) % 10 === 0 ? null : formatDay(parseDay(c.birthDate)! + 30)))],
      ['guardian_name', 'text', index.map((n) => `监护人${n}`)],
      ['guardian_phone', 'text', index.map((n) => `138${String(n).padStart(8, '0')}`)],
      ['registered_by_name', 'text', index.map(() => '基准测试')],
    ]);
  }
  const childIds = (await db.selectFrom('imm_child').select('id').orderBy('id').execute()).map((c) => c.id);
  const doses = children.flatMap((c, n) => c.given.map((g) => [childIds[n]!, g] as const));
  log(`写入 ${doses.length.toLocaleString('en')} 剂接种记录…`);
  for (let i = 0; i < doses.length; i += BATCH * 5) {
    const part = doses.slice(i, i + BATCH * 5);
    await insertColumns(db, 'imm_dose', [
      ['child_id', 'int', part.map(([id]) => id)],
      ['vaccine', 'text', part.map(([, g]) => g.vaccine)],
      ['dose', 'int', part.map(([, g]) => g.dose)],
      ['given_on', 'date', part.map(([, g]) => g.date)],
      ['institution_id', 'int', part.map(() => clinic)],
      ['source', 'text', part.map(() => 'import')],
      ['entered_by_name', 'text', part.map(() => '基准测试')],
    ]);
  }
  return { children: count, doses: doses.length };
}
