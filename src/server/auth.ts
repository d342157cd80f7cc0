import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../core/auth/actor.ts';
import { actorForToken, type SessionUser } from '../core/auth/sessions.ts';
import { AppError } from '../core/errors.ts';

export const SESSION_COOKIE = 'jiceng_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionUser: SessionUser | null;
  }
}

/** Resolves the session cookie to an actor on every request; routes then call requireActor. */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionUser', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await actorForToken(app.db, token);
    if (found) {
      request.actor = found.actor;
      request.sessionUser = found.user;
    }
  });
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', '登录已过期或尚未登录，请重新登录', 401);
  return request.actor;
}
