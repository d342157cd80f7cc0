import { describe, expect, it } from 'vitest';
import { renderPdf, shanghaiTime } from './render.ts';
import { heading, keyValues, signatureLines } from './blocks.ts';
import { table } from './table.ts';
import { contentDisposition } from './http.ts';
import { pdfInfo, pdfText, pdfTextItems } from './pdf-text.ts';

describe('renderPdf', () => {
  it('writes Chinese text, metadata and a footer with the print time in Asia/Shanghai', async () => {
    const pdf = await renderPdf({ title: '缴费收据', printedAt: new Date('2026-01-31T17:30:00Z') }, (doc) => {
      heading(doc, '新型农村合作医疗证');
      keyValues(doc, [['户主', '张三'], ['住址', '东岭村三组'], ['电话', null]]);
      signatureLines(doc, ['经手人', '日期']);
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [page] = await pdfText(pdf);
    expect(page).toContain('新型农村合作医疗证');
    expect(page).toContain('户主：张三');
    expect(page).toContain('住址：东岭村三组');
    expect(page).toContain('打印时间：2026-02-01 01:30'); // 17:30 UTC is 01:30 the next day in the county
    expect(page).toContain('第 1 页 / 共 1 页');
    expect(await pdfInfo(pdf)).toMatchObject({ Title: '缴费收据', Author: 'Jiceng 基层' });
  });

  it('repeats the header row on every page a long table reaches, numbering the pages', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ no: i + 1, name: `村民${i + 1}号`, amount: (i * 400).toFixed(2) }));
    const pdf = await renderPdf({ title: '收缴清单' }, (doc) => {
      heading(doc, '收缴清单');
      table(doc, [
        { header: '序号', width: 1, align: 'right', value: (r) => r.no },
        { header: '姓名', width: 3, value: (r) => r.name },
        { header: '金额（元）', width: 2, align: 'right', value: (r) => r.amount },
      ], rows);
    });
    const pages = await pdfText(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page.split('\n')).toContain('金额（元）');
      expect(page).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`);
    });
    const all = pages.join('\n').split('\n');
    for (const r of rows) expect(all).toContain(r.name); // no row lost at a page break
    expect(all.filter((line) => line === '姓名')).toHaveLength(pages.length);
    // Rows follow each other with no gap: header, row 1 and row 2 are equally far apart.
    const items = await pdfTextItems(pdf, 1);
    const y = (text: string) => items.find((i) => i.str === text)!.y;
    expect(y('村民1号') - y('姓名')).toBeCloseTo(y('村民2号') - y('村民1号'), 0);
  });

  it('rejects when drawing fails', async () => {
    await expect(renderPdf({ title: 'x' }, () => { throw new Error('画不出来'); })).rejects.toThrow('画不出来');
  });

  it('formats times in the county zone', () => {
    expect(shanghaiTime(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01 00:00');
  });
});

describe('contentDisposition', () => {
  it('gives the UTF-8 name and an ASCII fallback', () => {
    expect(contentDisposition('合作医疗证-4307020010010001.pdf')).toBe(
      `attachment; filename="4307020010010001.pdf"; filename*=UTF-8''${encodeURIComponent('合作医疗证-4307020010010001.pdf')}`,
    );
    expect(contentDisposition('收据.pdf', { inline: true })).toMatch(/^inline; filename="document.pdf"; filename\*=UTF-8''%E6%94%B6/);
  });
});
