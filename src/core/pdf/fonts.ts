import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/**
 * The bundled Chinese font (Noto Sans SC, SIL Open Font License) in two weights. Each file is about 10 MB: the bytes
 * are read once per process; pdfkit embeds only the glyphs a document uses.
 */
export const PDF_FONT = { regular: 'NotoSansSC-Regular', bold: 'NotoSansSC-Bold' } as const;

const FILES = {
  [PDF_FONT.regular]: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  [PDF_FONT.bold]: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

const require = createRequire(import.meta.url);
let loaded: Array<[name: string, bytes: Buffer]> | undefined;

/** [name, bytes] of each weight, read on first use. */
export function fontFiles(): Array<[name: string, bytes: Buffer]> {
  loaded ??= Object.entries(FILES).map(([name, file]) => [name, readFileSync(require.resolve(file))]);
  return loaded;
}
