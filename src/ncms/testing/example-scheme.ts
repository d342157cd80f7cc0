/** The scheme document of shared/domain/ncms.md, verbatim, for tests and the benchmark. */
export const exampleSchemeDocument = () => ({
  format: 'jiceng.ncms.scheme/v1',
  pool: '430702',
  year: 2025,
  financing: { individual: 400, government: 700 },
  inpatient: {
    village: null,
    township: { deductible: 100, ratio: 0.85 },
    county: { deductible: 400, ratio: 0.75 },
    outside: { deductible: 1000, ratio: 0.6, unreferredRatio: 0.45 },
  },
  outpatient: {
    village: { ratio: 0.5, perVisitCap: 15 },
    township: { ratio: 0.5, perVisitCap: 30 },
    annualCap: 200,
  },
  chronic: { diseases: ['I10', 'E11'], annualCap: 10000 },
  major: { diseases: ['C92', 'Q21'], ratio: 0.7, annualCap: 180000 },
  delivery: { fixed: 500 },
  annualCap: 150000,
});
