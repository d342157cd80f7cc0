import { serializerCompiler } from 'fastify-type-provider-zod';

/**
 * Paths of the fields `sent` has and `serialized` lacks, arrays' items as `[]` (both plain JSON values). A response
 * schema drops every field it does not name, so a schema that lags behind its service silently loses data. Pure.
 */
export function droppedFields(sent: unknown, serialized: unknown, path = ''): string[] {
  const lost = new Set<string>();
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (Array.isArray(a) && Array.isArray(b)) {
      a.forEach((item, i) => walk(item, b[i], `${at}[]`));
    } else if (isRecord(a) && isRecord(b)) {
      for (const key of Object.keys(a)) {
        const field = at ? `${at}.${key}` : key;
        if (Object.hasOwn(b, key)) walk(a[key], b[key], field);
        else lost.add(field);
      }
    }
  };
  walk(sent, serialized, path);
  return [...lost];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The zod serializer, refusing (a 500 naming the fields) any answer its schema would cut short. Used by the test
 * apps, so every API and browser test checks the schemas of the routes it calls.
 */
export const strictSerializerCompiler: typeof serializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  return (data) => {
    const json = serialize(data);
    const lost = droppedFields(JSON.parse(JSON.stringify(data)), JSON.parse(json));
    if (lost.length > 0) {
      const problem = `${route.method} ${route.url}：响应 schema 未列出字段 ${lost.join('、')}，这些字段会被丢弃`;
      console.error(problem); // the answer itself says only 系统内部错误
      throw new Error(problem);
    }
    return json;
  };
};
