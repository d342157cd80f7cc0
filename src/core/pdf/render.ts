/**
 * Printable documents (receipts, cards, notices, lists) as PDF, over pdfkit with the bundled Chinese font.
 * `renderPdf` sets the metadata, registers the fonts (regular is the default) and writes the footer — print time in
 * Asia/Shanghai and 「第 i 页 / 共 n 页」 — on every page once the caller's drawing is done. Blocks: ./blocks.ts, ./table.ts.
 */
import PDFDocument from 'pdfkit';
import { PDF_FONT, fontFiles } from './fonts.ts';

export type PdfDocument = PDFKit.PDFDocument;

export interface PdfOptions {
  /** Document title (metadata, shown by viewers in the window title). */
  title: string;
  subject?: string | undefined;
  /** pdfkit page size name or [width, height] in points; default A4. */
  size?: string | [number, number] | undefined;
  layout?: 'portrait' | 'landscape' | undefined;
  /** Points on every side; default 50. The footer sits in the bottom margin. */
  margin?: number | undefined;
  /** false writes plain (uncompressed) streams, for looking inside a file by hand; default true. */
  compress?: boolean | undefined;
  /** Footer on every page (default true); the time printed there, default now. */
  footer?: boolean | undefined;
  printedAt?: Date | undefined;
}

export const PDF_AUTHOR = 'Jiceng 基层';

const SHANGHAI_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 'YYYY-MM-DD HH:mm' in the county's time zone. */
export function shanghaiTime(at: Date): string {
  const part = (type: string) => SHANGHAI_TIME.formatToParts(at).find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Builds a document with `draw` and returns the whole file. An error thrown by `draw` rejects. */
export async function renderPdf(options: PdfOptions, draw: (doc: PdfDocument) => void | Promise<void>): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin ?? 50,
    compress: options.compress ?? true,
    bufferPages: true, // the footer's 「共 n 页」 is known only at the end
    displayTitle: true,
    info: {
      Title: options.title,
      Author: PDF_AUTHOR,
      Creator: PDF_AUTHOR,
      ...(options.subject ? { Subject: options.subject } : {}),
      // A given time is also the creation time (and so the file ID): the same drawing gives the same bytes.
      ...(options.printedAt ? { CreationDate: options.printedAt } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const [name, bytes] of fontFiles()) doc.registerFont(name, bytes);
  doc.font(PDF_FONT.regular).fontSize(11);
  try {
    await draw(doc);
    if (options.footer ?? true) writeFooters(doc, shanghaiTime(options.printedAt ?? new Date()));
  } finally {
    doc.end();
  }
  return finished;
}

function writeFooters(doc: PdfDocument, printedAt: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const { margins } = doc.page;
    const bottom = margins.bottom;
    // Writing inside the bottom margin: with the margin in place pdfkit would start a new page instead.
    margins.bottom = 0;
    const y = doc.page.height - bottom / 2 - 4;
    const width = doc.page.width - margins.left - margins.right;
    doc.font(PDF_FONT.regular).fontSize(8).fillColor('#555555');
    doc.text(`打印时间：${printedAt}`, margins.left, y, { width, align: 'left', lineBreak: false });
    doc.text(`第 ${i - start + 1} 页 / 共 ${count} 页`, margins.left, y, { width, align: 'right', lineBreak: false });
    margins.bottom = bottom;
  }
  doc.fillColor('black');
}
