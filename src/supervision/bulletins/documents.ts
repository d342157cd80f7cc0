/**
 * A bulletin as PDF (A4) and Excel, rendered from its content and publication only, with the publication time as
 * the documents' time: a published bulletin downloads the same every time. A preview says so in its subtitle.
 */
import ExcelJS from 'exceljs';
import { renderPdf, shanghaiTime } from '../../core/pdf/render.ts';
import { heading, keyValues } from '../../core/pdf/blocks.ts';
import { table, type PdfColumn } from '../../core/pdf/table.ts';
import type { BelowTarget, BulletinContent, BulletinRankingRow, CountyFigure } from './content.ts';

export interface Publication {
  version: number;
  publishedAt: Date;
  publishedByName: string;
  correctionReason: string | null;
}

type Col<T> = PdfColumn<T> & { xlsxWidth: number };

const text = (n: number | null, suffix = '') => (n === null ? '—' : `${n}${suffix}`);
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));

const RANKING: Array<Col<BulletinRankingRow>> = [
  { header: '名次', width: 0.7, xlsxWidth: 8, align: 'center', value: (r) => text(r.rank) },
  { header: '乡镇（街道）', width: 2, xlsxWidth: 18, value: (r) => r.name },
  { header: '综合得分', width: 1, xlsxWidth: 10, align: 'right', value: (r) => (r.score === null ? '无数据' : r.score.toFixed(1)) },
  { header: '上月名次', width: 1, xlsxWidth: 10, align: 'center', value: (r) => text(r.previousRank) },
  { header: '得分变化', width: 1, xlsxWidth: 10, align: 'right', value: (r) => signed(r.scoreChange) },
];

const BELOW: Array<Col<BelowTarget>> = [
  { header: '乡镇（街道）', width: 1.5, xlsxWidth: 16, value: (r) => r.township },
  { header: '责任单位', width: 2, xlsxWidth: 22, value: (r) => r.unit },
  { header: '指标', width: 2.4, xlsxWidth: 26, value: (r) => r.indicatorName },
  { header: '本月', width: 1, xlsxWidth: 10, align: 'right', value: (r) => r.value },
  { header: '目标', width: 1, xlsxWidth: 10, align: 'right', value: (r) => r.target },
];

const FIGURES: Array<Col<CountyFigure>> = [
  { header: '指标', width: 2.6, xlsxWidth: 26, value: (r) => r.name },
  { header: '本月', width: 1, xlsxWidth: 10, align: 'right', value: (r) => r.value },
  { header: '上月', width: 1, xlsxWidth: 10, align: 'right', value: (r) => r.previous },
  { header: '变化', width: 1.6, xlsxWidth: 16, value: (r) => r.change },
];

// The bulletin's own parts are 一 to 三; other modules' sections follow.
const SECTION_NUMBERS = ['四', '五', '六', '七', '八'];

export const bulletinFileName = (c: BulletinContent, p: Publication | null, extension: string) => `督导考核月通报-${c.month}${p ? `-第${p.version}版` : '-预览'}.${extension}`;

function subtitle(p: Publication | null): string {
  if (!p) return '（预览稿，未发布）';
  return `${shanghaiTime(p.publishedAt).slice(0, 10)} 发布${p.version > 1 ? `（第 ${p.version} 版，更正）` : ''}`;
}

export async function bulletinPdf(c: BulletinContent, p: Publication | null): Promise<Buffer> {
  return renderPdf({ title: c.title, subject: `督导考核月通报 ${c.month}`, printedAt: p?.publishedAt ?? new Date() }, (doc) => {
    heading(doc, c.title);
    doc.fontSize(10).text(subtitle(p), { align: 'center' }).moveDown(0.5);
    doc.fontSize(11).text(c.text).moveDown(0.5);
    heading(doc, '一、综合得分排名', 2);
    table(doc, RANKING, c.ranking, { fontSize: 9 });
    heading(doc, '二、未达标指标及责任单位', 2);
    if (c.belowTarget.length === 0) doc.fontSize(10).text('本月各项考核指标均已达标。').moveDown(0.5);
    else table(doc, BELOW, c.belowTarget, { fontSize: 9 });
    heading(doc, '三、全县主要指标与上月比较', 2);
    table(doc, FIGURES, c.countyFigures, { fontSize: 9 });
    for (const [i, section] of (c.sections ?? []).entries()) {
      heading(doc, `${SECTION_NUMBERS[i] ?? i + 4}、${section.title}`, 2);
      for (const line of section.lines) doc.fontSize(10).text(line);
      doc.moveDown(0.5);
    }
    if (p?.correctionReason) keyValues(doc, [['更正说明', p.correctionReason]], { columns: 1 });
    keyValues(doc, [
      ['发布单位', `${c.county}卫生健康局`],
      ['发布人', p?.publishedByName ?? null],
    ]);
  });
}

export async function bulletinXlsx(c: BulletinContent, p: Publication | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '基层 Jiceng';
  const at = p?.publishedAt ?? new Date();
  workbook.created = at;
  workbook.modified = at;
  const sheetOf = <T>(name: string, columns: Array<Col<T>>, rows: readonly T[]) => {
    const sheet = workbook.addWorksheet(name);
    sheet.columns = columns.map((col) => ({ width: col.xlsxWidth }));
    sheet.addRow([c.title]).font = { bold: true, size: 13 };
    sheet.addRow([subtitle(p)]);
    sheet.addRow(columns.map((col) => col.header)).font = { bold: true };
    for (const r of rows) sheet.addRow(columns.map((col) => col.value(r) ?? ''));
    return sheet;
  };
  const ranking = sheetOf('综合得分排名', RANKING, c.ranking);
  ranking.addRow([]);
  ranking.addRow([c.text]);
  if (p?.correctionReason) ranking.addRow([`更正说明：${p.correctionReason}`]);
  sheetOf('未达标指标', BELOW, c.belowTarget);
  const figures = sheetOf('全县主要指标', FIGURES, c.countyFigures);
  for (const section of c.sections ?? []) {
    figures.addRow([]);
    figures.addRow([section.title]).font = { bold: true };
    for (const line of section.lines) figures.addRow([line]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
