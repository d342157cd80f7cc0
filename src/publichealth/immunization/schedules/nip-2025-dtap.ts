/**
 * Change from 2025-01-01 [S in the reference]: DTaP at 2, 4, 6, 18 months and 6 years; the 6-year DT dose is replaced
 * by DTaP, and DT is kept for catch-up (a DT dose given still counts as a dose of the series).
 */
import type { ChangeDocument } from './schema.ts';

export const nip2025Dtap: ChangeDocument = {
  kind: 'change',
  id: 'nip-2025-dtap',
  name: '百白破疫苗免疫程序调整（2025年1月1日起）',
  effective: '2025-01-01',
  basedOn: 'nip-2021',
  series: [
    {
      id: 'DTP',
      name: '百白破/白破疫苗',
      options: [
        {
          id: 'DTP',
          name: '百白破/白破疫苗',
          alsoAccepts: ['DT'],
          doses: [
            { vaccine: 'DTaP', minAge: 'P2M' },
            { vaccine: 'DTaP', minAge: 'P4M', minInterval: 'P28D' },
            { vaccine: 'DTaP', minAge: 'P6M', minInterval: 'P28D', timelyBefore: 'P12M' },
            { vaccine: 'DTaP', minAge: 'P18M', minInterval: 'P6M', timelyBefore: 'P24M' },
            { vaccine: 'DTaP', minAge: 'P6Y', minInterval: 'P28D', timelyBefore: 'P7Y', unverified: ['minInterval', 'timelyBefore'] },
          ],
        },
      ],
    },
  ],
};
