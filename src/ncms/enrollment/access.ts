import type { Actor } from '../../core/auth/actor.ts';
import { can } from '../../core/auth/roles.ts';
import { forbidden } from '../../core/errors.ts';

/**
 * Reading enrollment data: NCMS readers (bureau, 合管办, auditors, township) and those who enroll (village doctors
 * see what their own village enrolled). The rows are always filtered by the caller's scope as well.
 */
export function requireEnrollmentRead(actor: Actor): void {
  if (!can(actor.role, 'ncms.read') && !can(actor.role, 'ncms.enroll')) throw forbidden();
}
