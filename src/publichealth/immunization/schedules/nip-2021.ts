/**
 * 国家免疫规划疫苗儿童免疫程序（2021年版）, as summarised in /work/shared/domain/public-health.md §1.
 * Ages are minimum ages; `timelyBefore` is the 及时接种 limit of the table. Everything the reference does not state
 * (most intervals between doses, the JE-I and HepA-I timely limits, the edition's own start date) is either left out
 * or listed in the dose's `unverified` fields: check them against the official text before relying on them.
 */
import type { DoseDocument, EditionDocument } from './schema.ts';

/** HepB dose 1 for every child: "within 24 h" with dates only is the day of birth or the next day. */
const hepBAtBirth: DoseDocument = {
  vaccine: 'HepB',
  minAge: 'P0D',
  timelyBefore: 'P2D',
  // Mother HBsAg-positive: within 12 h, i.e. on the day of birth, with hepatitis B immunoglobulin.
  when: [{ condition: 'mother_hbsag_positive', timelyBefore: 'P1D', note: '母亲HBsAg阳性：出生后12小时内接种，并同时注射乙肝免疫球蛋白（HBIG）' }],
};

export const nip2021: EditionDocument = {
  kind: 'edition',
  id: 'nip-2021',
  name: '国家免疫规划疫苗儿童免疫程序（2021年版）',
  // [U] The reference gives no start date for the 2021 edition; it is the oldest edition loaded, so it also stands in
  // for earlier ones (only its successors' effective dates matter to the engine).
  effective: '2021-03-01',
  verifiedEffective: false,
  catchUpBefore: 'P18Y', // 补种: under-18s
  // Chosen rule, not from the reference: a dose with no timely limit in the table is overdue one month after its due age.
  overdueAfter: 'P1M',
  vaccines: [
    { code: 'HepB', name: '乙肝疫苗', live: false, route: 'injection' },
    { code: 'BCG', name: '卡介苗', live: true, route: 'injection' },
    { code: 'IPV', name: '脊灰灭活疫苗', live: false, route: 'injection' },
    { code: 'bOPV', name: '脊灰减毒活疫苗', live: true, route: 'oral' },
    { code: 'DTaP', name: '百白破疫苗', live: false, route: 'injection' },
    { code: 'DT', name: '白破疫苗', live: false, route: 'injection' },
    { code: 'MMR', name: '麻腮风疫苗', live: true, route: 'injection' },
    { code: 'JE-L', name: '乙脑减毒活疫苗', live: true, route: 'injection' },
    { code: 'JE-I', name: '乙脑灭活疫苗', live: false, route: 'injection' },
    { code: 'MPSV-A', name: 'A群流脑多糖疫苗', live: false, route: 'injection' },
    { code: 'MPSV-AC', name: 'A群C群流脑多糖疫苗', live: false, route: 'injection' },
    { code: 'HepA-L', name: '甲肝减毒活疫苗', live: true, route: 'injection' },
    { code: 'HepA-I', name: '甲肝灭活疫苗', live: false, route: 'injection' },
  ],
  series: [
    {
      id: 'HepB',
      name: '乙肝疫苗',
      options: [
        {
          id: 'HepB',
          name: '乙肝疫苗',
          doses: [
            hepBAtBirth,
            { vaccine: 'HepB', minAge: 'P1M', minInterval: 'P28D', unverified: ['minInterval'] },
            { vaccine: 'HepB', minAge: 'P6M', minInterval: 'P60D', timelyBefore: 'P12M', unverified: ['minInterval'] },
          ],
          variants: [
            {
              // Infants under 2000 g: 4 doses at 0, 1, 2, 7 months. Intervals and the timely limit of the last dose are
              // not in the reference.
              when: 'birth_weight_under_2000g',
              name: '乙肝疫苗（出生体重<2000克，4剂）',
              doses: [
                hepBAtBirth,
                { vaccine: 'HepB', minAge: 'P1M', minInterval: 'P28D', unverified: ['minInterval'] },
                { vaccine: 'HepB', minAge: 'P2M', minInterval: 'P28D', unverified: ['minInterval'] },
                { vaccine: 'HepB', minAge: 'P7M', minInterval: 'P28D', unverified: ['minInterval'] },
              ],
            },
          ],
        },
      ],
    },
    {
      id: 'BCG',
      name: '卡介苗',
      options: [
        {
          id: 'BCG',
          name: '卡介苗',
          doses: [
            {
              vaccine: 'BCG',
              minAge: 'P0D',
              timelyBefore: 'P3M',
              maxAge: 'P4Y', // "≥4 y never"; "3 mo-3 y" read as up to the 4th birthday (3岁 = 3 years and some months)
              testFrom: { age: 'P3M', note: '已满3月龄：须先做结核菌素试验（PPD），阴性方可接种卡介苗' },
            },
          ],
        },
      ],
    },
    {
      // Polio is one series across IPV and bOPV: "polio dose 3 < 12 mo; dose 4 < 5 y". Catch-up "<4 y complete 3
      // doses, ≥4 y complete 4" follows from dose 4's minimum age of 4 years.
      id: 'polio',
      name: '脊灰疫苗',
      options: [
        {
          id: 'polio',
          name: '脊灰疫苗',
          doses: [
            { vaccine: 'IPV', minAge: 'P2M' },
            { vaccine: 'IPV', minAge: 'P3M', minInterval: 'P28D', unverified: ['minInterval'] },
            { vaccine: 'bOPV', minAge: 'P4M', minInterval: 'P28D', timelyBefore: 'P12M', unverified: ['minInterval'] },
            { vaccine: 'bOPV', minAge: 'P4Y', minInterval: 'P28D', timelyBefore: 'P5Y', unverified: ['minInterval'] },
          ],
        },
      ],
    },
    {
      // DTaP doses 1-4 and the 6-year DT booster form one diphtheria-tetanus series, so the 2025 change (DTaP as the
      // 5th dose) lines up dose by dose with this edition.
      id: 'DTP',
      name: '百白破/白破疫苗',
      options: [
        {
          id: 'DTP',
          name: '百白破/白破疫苗',
          doses: [
            { vaccine: 'DTaP', minAge: 'P3M' },
            { vaccine: 'DTaP', minAge: 'P4M', minInterval: 'P28D' },
            { vaccine: 'DTaP', minAge: 'P5M', minInterval: 'P28D', timelyBefore: 'P12M' },
            { vaccine: 'DTaP', minAge: 'P18M', minInterval: 'P6M', timelyBefore: 'P24M' },
            { vaccine: 'DT', minAge: 'P6Y', minInterval: 'P28D', timelyBefore: 'P7Y', unverified: ['minInterval'] },
          ],
        },
      ],
    },
    {
      id: 'MMR',
      name: '麻腮风疫苗',
      options: [
        {
          id: 'MMR',
          name: '麻腮风疫苗',
          doses: [
            { vaccine: 'MMR', minAge: 'P8M', timelyBefore: 'P12M' },
            { vaccine: 'MMR', minAge: 'P18M', minInterval: 'P28D', timelyBefore: 'P24M' },
          ],
        },
      ],
    },
    {
      id: 'JE',
      name: '乙脑疫苗',
      options: [
        {
          id: 'JE-L',
          name: '乙脑减毒活疫苗',
          doses: [
            { vaccine: 'JE-L', minAge: 'P8M', timelyBefore: 'P12M' },
            { vaccine: 'JE-L', minAge: 'P2Y', minInterval: 'P12M', timelyBefore: 'P3Y', unverified: ['minInterval'] },
          ],
        },
        {
          // JE-I timely limits are [U] in the reference: none given, so the general one-month grace applies.
          id: 'JE-I',
          name: '乙脑灭活疫苗',
          doses: [
            { vaccine: 'JE-I', minAge: 'P8M' },
            // "8 mo ×2, 7-10 d apart": the 10-day upper bound is not enforced.
            { vaccine: 'JE-I', minAge: 'P8M', minInterval: 'P7D' },
            { vaccine: 'JE-I', minAge: 'P2Y', minInterval: 'P1M', unverified: ['minInterval'] },
            { vaccine: 'JE-I', minAge: 'P6Y', minInterval: 'P3Y', unverified: ['minInterval'] },
          ],
        },
      ],
    },
    {
      id: 'MPSV-A',
      name: 'A群流脑多糖疫苗',
      options: [
        {
          id: 'MPSV-A',
          name: 'A群流脑多糖疫苗',
          doses: [
            { vaccine: 'MPSV-A', minAge: 'P6M', maxAge: 'P24M', instead: 'MPSV-AC' },
            { vaccine: 'MPSV-A', minAge: 'P9M', minInterval: 'P3M', timelyBefore: 'P18M', maxAge: 'P24M', instead: 'MPSV-AC' },
          ],
        },
      ],
    },
    {
      id: 'MPSV-AC',
      name: 'A群C群流脑多糖疫苗',
      options: [
        {
          id: 'MPSV-AC',
          name: 'A群C群流脑多糖疫苗',
          doses: [
            { vaccine: 'MPSV-AC', minAge: 'P3Y', after: [{ series: 'MPSV-A', interval: 'P12M' }] },
            { vaccine: 'MPSV-AC', minAge: 'P6Y', minInterval: 'P3Y', timelyBefore: 'P7Y' },
          ],
        },
      ],
    },
    {
      id: 'HepA',
      name: '甲肝疫苗',
      options: [
        { id: 'HepA-L', name: '甲肝减毒活疫苗', doses: [{ vaccine: 'HepA-L', minAge: 'P18M', timelyBefore: 'P24M' }] },
        {
          // HepA-I timely limits are [U] in the reference: none given, so the general one-month grace applies.
          id: 'HepA-I',
          name: '甲肝灭活疫苗',
          doses: [
            { vaccine: 'HepA-I', minAge: 'P18M' },
            { vaccine: 'HepA-I', minAge: 'P24M', minInterval: 'P6M' },
          ],
        },
      ],
    },
  ],
};
