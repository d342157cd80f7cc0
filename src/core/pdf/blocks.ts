import { PDF_FONT } from './fonts.ts';
import type { PdfDocument } from './render.ts';

/** Width between the left and right margins of the current page. */
export const contentWidth = (doc: PdfDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Lowest y a block may reach before it belongs on the next page. */
export const pageBottom = (doc: PdfDocument) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: PdfDocument, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

const HEADING_SIZE = { 1: 18, 2: 13 } as const;

/** A bold title: level 1 centred (a document's title), level 2 on the left (a section). */
export function heading(doc: PdfDocument, text: string, level: 1 | 2 = 1): void {
  const size = HEADING_SIZE[level];
  ensureSpace(doc, size * 3);
  doc.font(PDF_FONT.bold).fontSize(size);
  doc.text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc), align: level === 1 ? 'center' : 'left' });
  doc.font(PDF_FONT.regular).fontSize(11).moveDown(0.5);
}

/**
 * 「label：value」 pairs in `columns` columns, row by row (户主：张三　住址：东岭村 3 组). A blank value prints as a line
 * to fill in by hand.
 */
export function keyValues(
  doc: PdfDocument,
  pairs: Array<readonly [label: string, value: string | null | undefined]>,
  options: { columns?: number; fontSize?: number; rowGap?: number } = {},
): void {
  const columns = options.columns ?? 2;
  const left = doc.page.margins.left;
  const cell = contentWidth(doc) / columns;
  doc.font(PDF_FONT.regular).fontSize(options.fontSize ?? 11);
  for (let start = 0; start < pairs.length; start += columns) {
    const row = pairs.slice(start, start + columns).map(([label, value]) => `${label}：${value || '＿＿＿＿＿＿'}`);
    const height = Math.max(...row.map((text) => doc.heightOfString(text, { width: cell - 8 })));
    ensureSpace(doc, height);
    const y = doc.y;
    row.forEach((text, i) => doc.text(text, left + i * cell, y, { width: cell - 8 }));
    doc.x = left;
    doc.y = y + height + (options.rowGap ?? 4);
  }
  doc.moveDown(0.3);
}

/** Signature lines, `columns` to a row (default 2), with room to sign: 「经手人：＿＿＿＿　日期：＿＿＿＿」. */
export function signatureLines(doc: PdfDocument, labels: string[], columns = 2): void {
  keyValues(doc, labels.map((label) => [label, null] as const), { columns, rowGap: 18 });
}
