import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout, SESSION_HOURS } from './sessions.ts';
import { SESSION_COOKIE } from '../../server/auth.ts';
import { AppError } from '../errors.ts';
import { Ok } from '../http-schemas.ts';
import { ROLES } from './roles.ts';

/** Who is logged in; the users admin extends it. */
export const SessionUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleName: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  institutionId: z.number().nullable(),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: SessionUser },
      },
    },
    async (request, reply) => {
      const { token, user } = await login(app.db, request.body.username, request.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: SESSION_HOURS * 3600,
      });
      return { ...user, roleName: ROLES[user.role] };
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 200: Ok } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(app.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: SessionUser } } }, async (request) => {
    const user = request.sessionUser;
    if (!user) throw new AppError('unauthenticated', '登录已过期或尚未登录，请重新登录', 401);
    return { ...user, roleName: ROLES[user.role] };
  });
};
