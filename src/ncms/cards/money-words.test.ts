import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { yuanInWords } from './money-words.ts';

describe('yuanInWords (人民币大写)', () => {
  it.each([
    [0, '零元整'],
    [40000, '肆佰元整'],
    [123405, '壹仟贰佰叁拾肆元零伍分'],
    [123450, '壹仟贰佰叁拾肆元伍角'],
    [50, '伍角'],
    [7, '柒分'],
    [100000, '壹仟元整'],
    [101000, '壹仟零壹拾元整'],
    [1000000, '壹万元整'],
    [10050000, '壹拾万零伍佰元整'],
    [10000000100, '壹亿零壹元整'],
    [12000000, '壹拾贰万元整'],
    [1200000000, '壹仟贰佰万元整'],
  ])('%i fen → %s', (fen, words) => expect(yuanInWords(fen)).toBe(words));

  it('uses only capital digits and units, and never two 零 in a row or a trailing 零', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 14 }), (fen) => {
        const words = yuanInWords(fen);
        expect(words).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        if (fen > 0) expect(words).not.toMatch(/零零|零元|零万|零亿|零整/); // 0 alone is 零元整
      }),
    );
  });

});
