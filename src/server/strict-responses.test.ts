import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { droppedFields, strictSerializerCompiler } from './strict-responses.ts';

describe('fields a response schema would drop', () => {
  it('names them by path, array items as []', () => {
    const sent = { a: 1, b: { c: 2, d: 3 }, items: [{ x: 1, y: 2 }, { x: 1, y: 2, z: 3 }], gone: null };
    const kept = { a: 1, b: { c: 2 }, items: [{ x: 1 }, { x: 1 }] };
    expect(droppedFields(sent, kept)).toEqual(['b.d', 'items[].y', 'items[].z', 'gone']);
    expect(droppedFields(sent, sent)).toEqual([]);
  });

  it('the strict serializer answers 500 naming the field, and passes a complete answer through', async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(strictSerializerCompiler);
    const response = { 200: z.object({ name: z.string() }) };
    app.get('/short', { schema: { response } }, async () => ({ name: '甲', householdNo: 'H1' }));
    app.get('/whole', { schema: { response } }, async () => ({ name: '乙' }));
    const short = await app.inject({ method: 'GET', url: '/short' });
    expect(short.statusCode).toBe(500);
    expect(short.body).toContain('householdNo');
    expect((await app.inject({ method: 'GET', url: '/whole' })).json()).toEqual({ name: '乙' });
    await app.close();
  });
});
