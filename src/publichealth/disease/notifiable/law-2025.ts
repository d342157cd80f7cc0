/**
 * 法定传染病目录 under the revised Law on the Prevention and Control of Infectious Diseases, in force 2025-09-01
 * (public-health.md §2 [S]): 40 diseases, class A 2, class B 27, class C 11. Codes as the reference gives them.
 * Which diseases allow 病原携带者 is general knowledge of the national card, marked unverified.
 */
import type { NotifiableListDocument } from './schema.ts';

const withCarrier = ['suspected', 'clinical', 'confirmed', 'carrier'] as const;

export const law2025: NotifiableListDocument = {
  id: 'law-2025',
  name: '法定传染病目录（2025年9月1日起施行）',
  effective: '2025-09-01',
  counts: { A: 2, B: 27, C: 11 },
  hours: { classA: 2, other: 24 },
  caseClasses: ['suspected', 'clinical', 'confirmed'],
  duplicateDays: 30,
  matchDays: 7,
  diseases: [
    { id: 'plague', name: '鼠疫', class: 'A', icd10: ['A20'] },
    { id: 'cholera', name: '霍乱', class: 'A', icd10: ['A00'], caseClasses: [...withCarrier], unverified: ['caseClasses'] },

    { id: 'covid19', name: '新型冠状病毒感染', class: 'B', icd10: ['U07.1'] },
    { id: 'sars', name: '传染性非典型肺炎', class: 'B', icd10: ['U04'], managedAsA: true },
    { id: 'aids', name: '艾滋病（含HIV感染者）', class: 'B', icd10: ['B20-B24'], caseClasses: [...withCarrier], unverified: ['caseClasses'] },
    {
      id: 'viral_hepatitis',
      name: '病毒性肝炎',
      class: 'B',
      forms: [
        { id: 'hepatitis_a', name: '甲型肝炎', icd10: ['B15'] },
        { id: 'hepatitis_b', name: '乙型肝炎', icd10: ['B16', 'B18.0-B18.1'], course: true },
        { id: 'hepatitis_c', name: '丙型肝炎', icd10: ['B17.1', 'B18.2'], course: true },
        { id: 'hepatitis_d', name: '丁型肝炎', icd10: ['B17.8'] },
        { id: 'hepatitis_e', name: '戊型肝炎', icd10: ['B17.2'] },
        { id: 'hepatitis_unspecified', name: '未分型肝炎', icd10: ['B19'] },
      ],
    },
    { id: 'polio', name: '脊髓灰质炎', class: 'B', icd10: ['A80'] },
    { id: 'novel_influenza', name: '人感染新亚型流感', class: 'B', icd10: ['J09'] },
    { id: 'measles', name: '麻疹', class: 'B', icd10: ['B05'] },
    { id: 'hfrs', name: '流行性出血热（肾综合征出血热）', class: 'B', icd10: ['A98.5'] },
    { id: 'rabies', name: '狂犬病', class: 'B', icd10: ['A82'] },
    { id: 'japanese_encephalitis', name: '流行性乙型脑炎', class: 'B', icd10: ['A83.0'] },
    { id: 'dengue', name: '登革热', class: 'B', icd10: ['A90'] },
    { id: 'mpox', name: '猴痘', class: 'B', icd10: ['B04'] },
    // 肺炭疽 (A22.1) is managed as class A; other forms of anthrax as class B.
    { id: 'anthrax', name: '炭疽', class: 'B', icd10: ['A22'], managedAsA: ['A22.1'] },
    {
      id: 'dysentery',
      name: '痢疾',
      class: 'B',
      forms: [
        { id: 'bacillary_dysentery', name: '细菌性痢疾', icd10: ['A03'] },
        { id: 'amoebic_dysentery', name: '阿米巴性痢疾', icd10: ['A06.0'] },
      ],
    },
    { id: 'pulmonary_tb', name: '肺结核', class: 'B', icd10: ['A15-A16'] },
    {
      id: 'typhoid',
      name: '伤寒和副伤寒',
      class: 'B',
      forms: [
        { id: 'typhoid_fever', name: '伤寒', icd10: ['A01.0'] },
        { id: 'paratyphoid', name: '副伤寒', icd10: ['A01.1-A01.4'] },
      ],
      caseClasses: [...withCarrier],
      unverified: ['caseClasses'],
    },
    { id: 'meningococcal', name: '流行性脑脊髓膜炎', class: 'B', icd10: ['A39.0'] },
    { id: 'pertussis', name: '百日咳', class: 'B', icd10: ['A37'] },
    { id: 'diphtheria', name: '白喉', class: 'B', icd10: ['A36'] },
    { id: 'neonatal_tetanus', name: '新生儿破伤风', class: 'B', icd10: ['A33'] },
    { id: 'scarlet_fever', name: '猩红热', class: 'B', icd10: ['A38'] },
    { id: 'brucellosis', name: '布鲁氏菌病', class: 'B', icd10: ['A23'] },
    { id: 'gonorrhoea', name: '淋病', class: 'B', icd10: ['A54'] },
    { id: 'syphilis', name: '梅毒', class: 'B', icd10: ['A50-A53'] },
    { id: 'leptospirosis', name: '钩端螺旋体病', class: 'B', icd10: ['A27'] },
    { id: 'schistosomiasis', name: '血吸虫病', class: 'B', icd10: ['B65.2'], course: true },
    { id: 'malaria', name: '疟疾', class: 'B', icd10: ['B50-B54'] },

    { id: 'influenza', name: '流行性感冒', class: 'C', icd10: ['J10', 'J11'] },
    { id: 'mumps', name: '流行性腮腺炎', class: 'C', icd10: ['B26'] },
    { id: 'rubella', name: '风疹', class: 'C', icd10: ['B06'] },
    { id: 'ahc', name: '急性出血性结膜炎', class: 'C', icd10: ['B30.3'] },
    { id: 'leprosy', name: '麻风病', class: 'C', icd10: ['A30'] },
    { id: 'typhus', name: '斑疹伤寒', class: 'C', icd10: ['A75'] },
    { id: 'kala_azar', name: '黑热病', class: 'C', icd10: ['B55.0'] },
    { id: 'echinococcosis', name: '包虫病', class: 'C', icd10: ['B67'] },
    { id: 'filariasis', name: '丝虫病', class: 'C', icd10: ['B74'] },
    { id: 'other_infectious_diarrhoea', name: '其它感染性腹泻病', class: 'C', icd10: ['A09.0'] },
    { id: 'hfmd', name: '手足口病', class: 'C', icd10: ['B08.4'] },
  ],
};
