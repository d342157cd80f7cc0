// The chapters of ICD-10 (WHO 2019 edition) by their range of 3-character categories, for ranking by chapter (按章).

export interface Icd10Chapter {
  /** Roman numeral, as the classification numbers them. */
  id: string;
  from: string;
  to: string;
  name: string;
}

export const ICD10_CHAPTERS: readonly Icd10Chapter[] = [
  { id: 'I', from: 'A00', to: 'B99', name: '某些传染病和寄生虫病' },
  { id: 'II', from: 'C00', to: 'D48', name: '肿瘤' },
  { id: 'III', from: 'D50', to: 'D89', name: '血液及造血器官疾病和某些涉及免疫机制的疾患' },
  { id: 'IV', from: 'E00', to: 'E90', name: '内分泌、营养和代谢疾病' },
  { id: 'V', from: 'F00', to: 'F99', name: '精神和行为障碍' },
  { id: 'VI', from: 'G00', to: 'G99', name: '神经系统疾病' },
  { id: 'VII', from: 'H00', to: 'H59', name: '眼和附器疾病' },
  { id: 'VIII', from: 'H60', to: 'H95', name: '耳和乳突疾病' },
  { id: 'IX', from: 'I00', to: 'I99', name: '循环系统疾病' },
  { id: 'X', from: 'J00', to: 'J99', name: '呼吸系统疾病' },
  { id: 'XI', from: 'K00', to: 'K93', name: '消化系统疾病' },
  { id: 'XII', from: 'L00', to: 'L99', name: '皮肤和皮下组织疾病' },
  { id: 'XIII', from: 'M00', to: 'M99', name: '肌肉骨骼系统和结缔组织疾病' },
  { id: 'XIV', from: 'N00', to: 'N99', name: '泌尿生殖系统疾病' },
  { id: 'XV', from: 'O00', to: 'O99', name: '妊娠、分娩和产褥期' },
  { id: 'XVI', from: 'P00', to: 'P96', name: '起源于围生期的某些情况' },
  { id: 'XVII', from: 'Q00', to: 'Q99', name: '先天性畸形、变形和染色体异常' },
  { id: 'XVIII', from: 'R00', to: 'R99', name: '症状、体征和临床与实验室异常所见' },
  { id: 'XIX', from: 'S00', to: 'T98', name: '损伤、中毒和外因的某些其他后果' },
  { id: 'XX', from: 'V01', to: 'Y98', name: '疾病和死亡的外因' },
  { id: 'XXI', from: 'Z00', to: 'Z99', name: '影响健康状态和与保健机构接触的因素' },
  { id: 'XXII', from: 'U00', to: 'U85', name: '用于特殊目的的编码' },
];

/** The chapter a 3-character category belongs to; undefined outside every range. */
export function chapterOf(category: string): Icd10Chapter | undefined {
  return ICD10_CHAPTERS.find((c) => category >= c.from && category <= c.to);
}
