import type { AreaKind } from '../db/schema.ts';
import { invalid } from '../errors.ts';

// Statistical area codes (统计用区划代码): province 2 + prefecture 2 + county 2 + township 3 + village 3.
// The township and village parts say what kind of place it is.
const RANGES: Record<AreaKind, { part: 'township' | 'village' | null; from: number; to: number; label: string }> = {
  county: { part: null, from: 0, to: 0, label: '县（区）' },
  street: { part: 'township', from: 1, to: 99, label: '街道（001-099）' },
  town: { part: 'township', from: 100, to: 199, label: '镇（100-199）' },
  township: { part: 'township', from: 200, to: 399, label: '乡（200-399）' },
  community: { part: 'village', from: 1, to: 199, label: '居委会（001-199）' },
  village: { part: 'village', from: 200, to: 399, label: '村委会（200-399）' },
};

export function checkAreaCode(code: string, kind: AreaKind): void {
  if (!/^\d{12}$/.test(code)) throw invalid('code', `区划代码应为 12 位数字，收到「${code}」`, 'invalid_area_code');
  const township = Number(code.slice(6, 9));
  const village = Number(code.slice(9, 12));
  const range = RANGES[kind];
  if (kind === 'county') {
    if (township !== 0 || village !== 0) throw invalid('code', `县（区）的区划代码后 6 位应为 0：${code}`, 'invalid_area_code');
    return;
  }
  const value = range.part === 'township' ? township : village;
  if (value < range.from || value > range.to || (range.part === 'township' && village !== 0)) {
    throw invalid('code', `区划代码 ${code} 不是有效的${range.label}代码`, 'invalid_area_code');
  }
}
