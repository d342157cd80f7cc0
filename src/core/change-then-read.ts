import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from './db/connection.ts';
import type { Actor } from './auth/actor.ts';
import { requireActor } from '../server/auth.ts';

// A route that changes one record (`PATCH /things/:id`, `POST /things/:id/status`) answers with the record as it
// now stands, read back through the same scoped getter its GET route uses, so the client never merges a partial echo.

type RecordChangeRequest<Body> = FastifyRequest & { params: { id: number }; body: Body };

/** The handler that applies `change(id, body)` for the caller and answers `read(id)`. */
export function changeThenRead<Body, Record>(
  app: FastifyInstance,
  change: (db: Db, actor: Actor, id: number, body: Body) => Promise<unknown>,
  read: (db: Db, actor: Actor, id: number) => Promise<Record>,
) {
  return async (request: RecordChangeRequest<Body>): Promise<Record> => {
    const actor = requireActor(request);
    await change(app.db, actor, request.params.id, request.body);
    return read(app.db, actor, request.params.id);
  };
}
