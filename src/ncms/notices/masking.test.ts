import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from './masking.ts';

describe('maskName', () => {
  it.each([
    ['张小三', '张*三'],
    ['张三', '张*'],
    ['司马相如', '司马*如'],
    ['欧阳小明', '欧阳*明'],
    ['欧阳明', '欧阳*'], // a compound surname and one given character: the given name is masked
    ['欧阳', '欧*'], // two characters are a surname and a given name, never a bare compound surname
    ['张三丰四', '张**四'],
    ['阿依古丽·买买提', '阿*提'],
    ['王', '*'],
    [' 李四 ', '李*'],
  ])('%s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it('never shows a middle character of a name of three or more', () => {
    for (const name of ['张小三', '刘德华', '欧阳小明', '诸葛孔明亮']) expect(maskName(name)).not.toContain([...name][[...name].length - 2]);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 of an 18-digit number', () => expect(maskIdNumber('43070219800506123X')).toBe('430702********123X'));
  it('keeps the first 6 and last 4 of an old 15-digit number', () => expect(maskIdNumber('430702800506123')).toBe('430702*****6123'));
  it('masks an already masked number to itself', () => expect(maskIdNumber('430702********1234')).toBe('430702********1234'));
  it('masks any other length completely', () => {
    expect(maskIdNumber('E12345678')).toBe('*********');
    expect(maskIdNumber('1234')).toBe('******');
  });
  it('prints nothing for no number', () => expect(maskIdNumber(null)).toBe(''));
});
