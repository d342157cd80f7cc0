import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db, DbKind } from '../core/db/connection.ts';
import { registerErrorHandling } from './errors.ts';
import { registerAuth } from './auth.ts';
import { apiRoutes } from './routes.ts';
import { strictSerializerCompiler } from './strict-responses.ts';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DbKind;
  }
}

export interface AppOptions {
  db: Db;
  dbKind: DbKind;
  /** Serve the built web app from this folder (default dist/web when it exists). */
  webDir?: string | false;
  logger?: boolean;
  /** Refuse answers a response schema would cut short (the test apps; see strict-responses.ts). */
  checkResponses?: boolean;
}

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: 'info' } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(options.checkResponses ? strictSerializerCompiler : serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('dbKind', options.dbKind);

  registerErrorHandling(app);
  await app.register(cookie);
  registerAuth(app);

  await app.register(swagger, {
    openapi: {
      info: { title: '基层 Jiceng API', description: '县级卫生健康管理平台接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jiceng_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: '健康检查', response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']).describe('数据库类型') }) } } },
    async () => ({ status: 'ok' as const, db: app.dbKind }),
  );
  await app.register(apiRoutes, { prefix: '/api' });

  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir && existsSync(webDir)) {
    // Files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir });
  }
  app.setNotFoundHandler((request, reply) => {
    // The web app routes in the browser: any page path (not /api, not a file) gets index.html.
    const path = request.url.split('?')[0]!;
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (isPage && webDir && existsSync(`${webDir}/index.html`)) {
      return reply.type('text/html').sendFile('index.html');
    }
    const what = path.startsWith('/api/') ? '接口' : '文件';
    return reply.status(404).send({ error: { code: 'route_not_found', message: `${what}不存在：${request.method} ${path}` } });
  });
  return app;
}
