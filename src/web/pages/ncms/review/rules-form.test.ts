import { expect, it } from 'vitest';
import { documentToForm, formToDocument } from './rules-form.ts';

it('keeps a document through the form, a rule switched off becoming null', () => {
  const doc = { amount: [{ kind: 'inpatient' as const, level: null, above: '8000.50' }], sample: null, stay: { aboveDays: 15 }, diagnosisCost: null };
  const form = documentToForm(doc, 2026);
  expect(form.on).toEqual({ amount: true, sample: false, stay: true, diagnosisCost: false });
  expect(formToDocument(form)).toEqual(doc);
  expect(formToDocument({ ...form, on: { ...form.on, stay: false } }).stay).toBeNull();
});
