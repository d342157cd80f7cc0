import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

// Routes that answer a file (PDF, Excel) rather than JSON: no JSON response schema fits them.
const FILE_ROUTES = new Set([
  'GET /api/persons/export.xlsx',
  'GET /api/ncms/enrollments/template.xlsx',
  'GET /api/ncms/claims/{id}/receipt.pdf',
  'GET /api/ncms/cards/households/{householdId}/card.pdf',
  'GET /api/ncms/cards/households/{householdId}/receipt.pdf',
  'GET /api/ncms/cards/villages/{areaId}/cards.pdf',
  'GET /api/ncms/cards/villages/{areaId}/collection.pdf',
  'GET /api/ncms/cards/villages/{areaId}/collection.xlsx',
  'GET /api/ncms/notices/preview.pdf',
  'GET /api/ncms/notices/{id}/notice.pdf',
  'GET /api/ncms/notices/{id}/notice.xlsx',
  'GET /api/ncms/audits/findings-template.xlsx',
  'GET /api/ncms/findings/evidence/{id}',
  'GET /api/immunization/children/{id}/certificate.pdf',
  'GET /api/immunization/import/template.xlsx',
  'GET /api/immunization/due-list.xlsx',
  'GET /api/disease/visits/template.xlsx',
  'GET /api/supervision/ranking.xlsx',
  'GET /api/supervision/bulletins/preview.pdf',
  'GET /api/supervision/bulletins/{id}/bulletin.pdf',
  'GET /api/supervision/bulletins/{id}/bulletin.xlsx',
]);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Operation = { responses?: Record<string, { content?: unknown }> };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('OpenAPI document', () => {
  it('documents the 2xx answer of every JSON route under /api', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
    const routes: string[] = [];
    const missing: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      if (!path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const route = `${method.toUpperCase()} ${path}`;
        routes.push(route);
        if (FILE_ROUTES.has(route)) continue;
        // @fastify/swagger writes a bare "200: Default Response" for a route without a response schema: only a 2xx
        // answer with content counts.
        if (!Object.entries(op.responses ?? {}).some(([code, r]) => /^2\d\d$/.test(code) && r.content)) missing.push(route);
      }
    }
    expect(missing, 'JSON routes without a 2xx response schema').toEqual([]);
    // A file route renamed or removed must leave the list too, so the list stays short and true.
    expect([...FILE_ROUTES].filter((r) => !routes.includes(r)), 'file routes no longer in the API').toEqual([]);
  });
});
