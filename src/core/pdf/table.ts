import { PDF_FONT } from './fonts.ts';
import type { PdfDocument } from './render.ts';
import { contentWidth, pageBottom } from './blocks.ts';

export interface PdfColumn<T> {
  header: string;
  /** Relative width: the columns share the width between the margins in proportion (2 is twice 1). */
  width: number;
  align?: 'left' | 'center' | 'right' | undefined;
  value: (row: T) => string | number | null | undefined;
}

export interface PdfTableOptions {
  fontSize?: number | undefined;
  /** Total width in points; default the width between the margins. */
  width?: number | undefined;
  /** Rows bold and shaded like the header (totals). */
  emphasise?: ((index: number) => boolean) | undefined;
}

const PADDING = 4;

/**
 * A ruled table from the cursor down. A row never splits: one that does not fit goes to a new page, and the header
 * row is repeated at the top of every page the table reaches. Long cell text wraps inside its column.
 */
export function table<T>(doc: PdfDocument, columns: Array<PdfColumn<T>>, rows: readonly T[], options: PdfTableOptions = {}): void {
  const fontSize = options.fontSize ?? 10;
  const left = doc.page.margins.left;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const tableWidth = options.width ?? contentWidth(doc);
  const widths = columns.map((c) => (c.width / total) * tableWidth);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? PDF_FONT.bold : PDF_FONT.regular).fontSize(fontSize);
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - 2 * PADDING }))) + 2 * PADDING;
    return {
      height,
      draw: (y: number) => {
        if (bold) doc.rect(left, y, tableWidth, height).fill('#eeeeee').fillColor('black');
        cells.forEach((text, i) => {
          doc.text(text, xs[i]! + PADDING, y + PADDING, { width: widths[i]! - 2 * PADDING, align: columns[i]!.align ?? 'left' });
          doc.rect(xs[i]!, y, widths[i]!, height).lineWidth(0.5).stroke();
        });
      },
    };
  };
  const place = (row: ReturnType<typeof drawRow>) => {
    const y = doc.y;
    row.draw(y);
    doc.y = y + row.height; // drawing the cells moved the cursor; the row's own height is what counts
  };
  const header = () => place(drawRow(columns.map((c) => c.header), true));

  if (doc.y + drawRow(columns.map((c) => c.header), true).height * 2 > pageBottom(doc)) doc.addPage();
  header();
  rows.forEach((item, index) => {
    const row = drawRow(columns.map((c) => String(c.value(item) ?? '')), options.emphasise?.(index) ?? false);
    if (doc.y + row.height > pageBottom(doc)) {
      doc.addPage();
      header();
      doc.font(PDF_FONT.regular).fontSize(fontSize);
    }
    place(row);
  });
  doc.x = left;
  doc.font(PDF_FONT.regular).fontSize(11).moveDown(0.5);
}
