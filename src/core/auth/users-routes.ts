import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, SESSION_COOKIE } from '../../server/auth.ts';
import { pageQuery, pageSchema } from '../list-page.ts';
import { ROLES, ROLE_NAMES } from './roles.ts';
import { ROLE_AREA_LEVEL } from './role-areas.ts';
import { addUser, changeOwnPassword, getUser, listUsers, resetPassword, updateUser } from './users-admin.ts';
import { IdParams } from '../http-schemas.ts';
import { changeThenRead } from '../change-then-read.ts';
import { SessionUser } from './routes.ts';

const tags = ['users'];
const Ok = z.object({ ok: z.literal(true) });

const User = SessionUser.extend({
  institutionName: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lastLoginAt: z.string().nullable(),
});

// Role, area and password rules are checked by the service, whose messages name the field in Chinese.
const NewUserBody = z.object({
  username: z.string().max(32),
  displayName: z.string().max(50),
  password: z.string().max(256),
  role: z.string().max(40),
  areaId: z.number().int(),
  institutionId: z.number().int().nullable().optional(),
});

const UserPatchBody = z.object({
  displayName: z.string().max(50).optional(),
  role: z.string().max(40).optional(),
  areaId: z.number().int().optional(),
  institutionId: z.number().int().nullable().optional(),
  active: z.boolean().optional(),
});

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/roles',
    {
      schema: {
        tags,
        summary: '角色列表（及其管辖区划级别）',
        response: { 200: z.array(z.object({ role: z.string(), name: z.string(), areaLevel: z.string() })) },
      },
    },
    async (request) => {
      requireActor(request);
      return ROLE_NAMES.map((role) => ({ role, name: ROLES[role], areaLevel: ROLE_AREA_LEVEL[role] }));
    },
  );

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: '用户列表（卫健局管理员）',
        querystring: z.object({
          q: z.string().max(50).optional(),
          role: z.string().max(40).optional(),
          areaId: z.coerce.number().int().optional(),
          active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(User) },
      },
    },
    async (request) => listUsers(app.db, requireActor(request), request.query),
  );

  app.get('/users/:id', { schema: { tags, summary: '用户详情', params: IdParams, response: { 200: User } } }, async (request) =>
    getUser(app.db, requireActor(request), request.params.id),
  );

  app.post('/users', { schema: { tags, summary: '新建用户', body: NewUserBody, response: { 201: User } } }, async (request, reply) => {
    const actor = requireActor(request);
    const id = await addUser(app.db, actor, request.body);
    return reply.status(201).send(await getUser(app.db, actor, id));
  });

  app.patch(
    '/users/:id',
    { schema: { tags, summary: '修改用户（含停用；停用后其登录立即失效）', params: IdParams, body: UserPatchBody, response: { 200: User } } },
    changeThenRead(app, updateUser, getUser),
  );

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags,
        summary: '重置用户密码（解除锁定，并使其现有登录失效）',
        params: IdParams,
        body: z.object({ password: z.string().max(256) }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await resetPassword(app.db, requireActor(request), request.params.id, request.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改本人密码（其他设备上的登录随之失效）',
        body: z.object({ oldPassword: z.string().max(256), newPassword: z.string().max(256) }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await changeOwnPassword(app.db, requireActor(request), request.body, request.cookies[SESSION_COOKIE]);
      return { ok: true as const };
    },
  );
};
