/** A ranking (a month's, a half-year's or a year's) as an Excel sheet: rank, score and each scheme item's points and value. */
import ExcelJS from 'exceljs';
import { indicatorByCode } from '../indicators/registry.ts';
import { valueText } from '../indicators/value.ts';
import type { Ranking } from './ranking.ts';

export const rankingFileName = (r: Ranking) => `督导考核排名-${r.period.key.replace('..', '至')}.xlsx`;

export async function rankingXlsx(r: Ranking, county: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const sheet = workbook.addWorksheet('综合得分排名');
  const items = r.scheme.flatMap((i) => {
    const def = indicatorByCode(i.indicator);
    return def ? [{ item: i, def }] : [];
  });
  sheet.columns = [{ width: 8 }, { width: 18 }, { width: 10 }, ...items.flatMap(() => [{ width: 10 }, { width: 12 }])];
  sheet.addRow([`${county}${r.period.name}乡镇卫生院督导考核排名`]).font = { bold: true, size: 13 };
  const missing = r.computedMonths.length === 0 ? '（尚无已计算的月份）' : `（据 ${r.computedMonths[0]} 至 ${r.computedMonths[r.computedMonths.length - 1]} 共 ${r.computedMonths.length} 个月的指标）`;
  sheet.addRow([`统计期 ${r.period.from} 至 ${r.period.to}${missing}`]);
  sheet.addRow(['名次', '乡镇（街道）', '综合得分', ...items.flatMap(({ item, def }) => [`${def.name}得分（${item.points}分）`, `${def.name}`])]).font = { bold: true };
  for (const row of r.rows) {
    sheet.addRow([
      row.rank ?? '—',
      row.name,
      row.score ?? '无数据',
      ...items.flatMap(({ item, def }) => {
        const s = row.items.find((x) => x.indicator === item.indicator);
        return [s?.earned ?? '不计', valueText(def.unit, s?.value ?? null)];
      }),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
