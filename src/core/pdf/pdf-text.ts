/**
 * The text of a PDF page by page, for tests (pdfjs-dist is a dev dependency: never import this from product code).
 * Each page is its text pieces joined by '\n', so a cell or a line of the document is one line here.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).filter(Boolean).join('\n'));
  }
  await document.destroy();
  return pages;
}

/** The text pieces of one page (1-based) with their position: x from the left, y from the top, in points. */
export async function pdfTextItems(pdf: Buffer, pageNumber = 1): Promise<Array<{ str: string; x: number; y: number }>> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await document.getPage(pageNumber);
  const height = page.view[3]!;
  const content = await page.getTextContent();
  await document.destroy();
  return content.items.flatMap((item) => ('str' in item && item.str ? [{ str: item.str, x: item.transform[4] as number, y: height - (item.transform[5] as number) }] : []));
}

/** The document's metadata (Title, Author …). */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, unknown>> {
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const { info } = await document.getMetadata();
  await document.destroy();
  return info as Record<string, unknown>;
}
