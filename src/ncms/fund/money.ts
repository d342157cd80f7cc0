import { fenToYuan } from '../scheme/decimal.ts';

/** Fen as the yuan text clerks read in messages and statements: 64500 → "645.00". */
export const fenText = (fen: number): string => fenToYuan(fen).toFixed(2);
