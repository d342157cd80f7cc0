// Relation to the head of household (与户主关系): stored as the code, shown as the label.
// Pure data, no server imports: the web app imports this table for its pickers.
export const RELATIONS = [
  { code: 'head', name: '户主' },
  { code: 'spouse', name: '配偶' },
  { code: 'son', name: '子' },
  { code: 'daughter', name: '女' },
  { code: 'parent', name: '父母' },
  { code: 'parent_in_law', name: '岳父母/公婆' },
  { code: 'grandchild', name: '孙子女' },
  { code: 'sibling', name: '兄弟姐妹' },
  { code: 'daughter_in_law', name: '儿媳' },
  { code: 'son_in_law', name: '女婿' },
  { code: 'other', name: '其他' },
] as const;

export type Relation = (typeof RELATIONS)[number]['code'];
export const RELATION_CODES = RELATIONS.map((r) => r.code) as [Relation, ...Relation[]];
export const RELATION_NAMES: Record<string, string> = Object.fromEntries(RELATIONS.map((r) => [r.code, r.name]));

export const PERSON_STATUS_NAMES = { alive: '在册', deceased: '死亡', moved_out: '迁出' } as const;
export const SEX_NAMES = { M: '男', F: '女' } as const;
