// Terminal columns: CJK characters take two, so tables of Chinese text line up only when padded by this.

export const displayWidth = (text: string): number => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! > 0x2e80 ? 2 : 1), 0);

export const padToWidth = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));
