import { describe, expect, it } from 'vitest';
import { exampleSchemeDocument } from '../../../../ncms/testing/example-scheme.ts';
import { documentToForm, emptySchemeForm, formToDocument, problemPath } from './scheme-form.ts';
import { fieldLabel, percent, showFigure, yuan } from './scheme-labels.ts';

describe('scheme form ↔ document', () => {
  it('gives back the document it was read from, key for key and in the same order', () => {
    const document = exampleSchemeDocument();
    const back = formToDocument(documentToForm(document), document);
    expect(back).toEqual(document);
    expect(JSON.stringify(back)).toBe(JSON.stringify(document));
  });

  it('keeps fields the form does not know (a newer format, notes) where the author put them', () => {
    const document = { ...exampleSchemeDocument(), note: '2025 年方案', inpatient: { ...exampleSchemeDocument().inpatient, county: { deductible: 400, ratio: 0.75, repeatDiscount: 0.5 } } };
    const form = documentToForm(document);
    form.inpatient.county.ratio = 0.8;
    const back = formToDocument(form, document);
    expect(back.note).toBe('2025 年方案');
    expect(back.inpatient).toMatchObject({ county: { deductible: 400, ratio: 0.8, repeatDiscount: 0.5 } });
  });

  it('writes an uncovered level as null and leaves empty figures out, so the server names them as missing', () => {
    const form = emptySchemeForm();
    form.pool = ' 430702 ';
    form.year = 2026;
    form.inpatient.county = { covered: true, deductible: 400, ratio: '' };
    form.inpatient.outside = { covered: true, deductible: '1000', ratio: '0.6', unreferredRatio: undefined };
    form.outpatient.township.covered = false;
    form.chronic.diseases = [' I10 ', '', 'E11'];
    const document = formToDocument(form);
    expect(document.format).toBe('jiceng.ncms.scheme/v1');
    expect(document.pool).toBe('430702');
    expect(document.inpatient).toEqual({ village: null, township: {}, county: { deductible: 400 }, outside: { deductible: 1000, ratio: 0.6 } });
    expect(document.outpatient).toEqual({ village: {}, township: null });
    expect(document.chronic).toEqual({ diseases: ['I10', 'E11'] });
    expect('annualCap' in document).toBe(false);
  });

  it('passes text that is not a number on as typed, for the server to quote back', () => {
    const form = documentToForm(exampleSchemeDocument());
    form.inpatient.county.ratio = '75%';
    form.inpatient.township.ratio = 1.5;
    const document = formToDocument(form, exampleSchemeDocument());
    expect(document.inpatient).toMatchObject({ county: { ratio: '75%' }, township: { ratio: 1.5 } });
  });

  it('reads a broken document without failing', () => {
    const form = documentToForm('not a document');
    expect(Object.values(form.inpatient).map((level) => level.covered)).toEqual([false, false, false, false]);
    expect(form.chronic.diseases).toEqual([]);
    expect(form.pool).toBeUndefined();
  });
});

describe('problem paths and labels', () => {
  it('turns a server path into the form field path', () => {
    expect(problemPath('inpatient.county.ratio')).toEqual(['inpatient', 'county', 'ratio']);
    expect(problemPath('chronic.diseases[1]')).toEqual(['chronic', 'diseases', 1]);
    expect(problemPath('document.pool')).toEqual(['pool']);
    expect(problemPath('')).toEqual([]);
  });

  it('names fields and shows figures the way the clerk reads them', () => {
    expect(fieldLabel('inpatient.county.ratio')).toBe('住院补偿 · 县级 · 报销比例');
    expect(fieldLabel('chronic.diseases[1]')).toBe('特殊慢病 · 病种 · 第 2 项');
    expect(percent(0.75)).toBe('75%');
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(0.07)).toBe('7%');
    expect(yuan(150000)).toBe('150,000 元');
    expect(showFigure('inpatient.outside.unreferredRatio', 0.45)).toBe('45%');
    expect(showFigure('inpatient.village', null)).toBe('不予报销');
    expect(showFigure('annualCap', undefined)).toBe('（无）');
    expect(showFigure('delivery.fixed', '500')).toBe('500 元');
  });
});
