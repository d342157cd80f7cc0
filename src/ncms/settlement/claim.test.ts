import { describe, expect, it } from 'vitest';
import { isInvalid, parseClaim, type InvalidClaim } from './claim.ts';

const good = { id: 'c1', person: 'p1', date: '2025-03-01', level: 'county', kind: 'inpatient', diagnosis: 'K35', referred: false, total: 10000, outOfCatalog: 1000 };

const faultsOf = (raw: unknown) => {
  const entry = parseClaim(raw);
  return isInvalid(entry) ? entry.problems.map((p) => [p.fault, p.field]) : [];
};

describe('parseClaim', () => {
  it('converts a good claim to fen', () => {
    expect(parseClaim(good)).toEqual({ ...good, total: undefined, outOfCatalog: undefined, totalFen: 1000000, outOfCatalogFen: 100000 });
  });

  it('defaults diagnosis, referred and outOfCatalog when absent', () => {
    const { diagnosis, referred, outOfCatalog, ...rest } = good;
    expect(parseClaim({ ...rest, total: '12.30' })).toMatchObject({ diagnosis: '', referred: false, totalFen: 1230, outOfCatalogFen: 0 });
  });

  it('names one fault code and field per fault', () => {
    expect(faultsOf({ ...good, id: '' })).toEqual([['bad_id', 'id']]);
    expect(faultsOf({ ...good, person: 7 })).toEqual([['bad_person', 'person']]);
    expect(faultsOf({ ...good, date: '2025-02-29' })).toEqual([['bad_date', 'date']]);
    expect(faultsOf({ ...good, date: '2025-3-1' })).toEqual([['bad_date', 'date']]);
    expect(faultsOf({ ...good, level: 'city' })).toEqual([['bad_level', 'level']]);
    expect(faultsOf({ ...good, kind: 'dental' })).toEqual([['bad_kind', 'kind']]);
    expect(faultsOf({ ...good, diagnosis: 35 })).toEqual([['bad_diagnosis', 'diagnosis']]);
    expect(faultsOf({ ...good, referred: 'yes' })).toEqual([['bad_referred', 'referred']]);
    expect(faultsOf({ ...good, total: -1 })).toEqual([['bad_total', 'total']]);
    expect(faultsOf({ ...good, total: 10.001 })).toEqual([['bad_total', 'total']]);
    expect(faultsOf({ ...good, outOfCatalog: '十' })).toEqual([['bad_out_of_catalog', 'outOfCatalog']]);
    expect(faultsOf({ ...good, outOfCatalog: 10000.01 })).toEqual([['out_of_catalog_exceeds_total', 'outOfCatalog']]);
    expect(faultsOf([good])).toEqual([['not_object', '']]);
    expect(parseClaim({ ...good, date: '2024-02-29' })).not.toHaveProperty('problems');
  });

  it('words each problem in Chinese after the field name, and keeps the id when it is usable', () => {
    const entry = parseClaim({ ...good, total: -5, level: 'city' }) as InvalidClaim;
    expect(entry.id).toBe('c1');
    expect(entry.problems.map((p) => p.message)).toEqual([
      'level：机构级别应为 village（村级）、township（乡级）、county（县级）或 outside（县外），收到 「city」',
      'total：总费用不能为负数，收到 -5',
    ]);
    expect((parseClaim({ ...good, id: 3 }) as InvalidClaim).id).toBeNull();
  });
});
