/**
 * An error the user can act on: a stable code for programs, a plain Chinese message for people,
 * and optionally the field at fault and per-row details (imports).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly details?: { field?: string; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what}不存在或不在您的管辖范围内`, 404);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError('forbidden', message, 403);
export const invalid = (field: string, message: string, code = 'invalid_field') =>
  new AppError(code, message, 400, { field });
export const conflict = (code: string, message: string, field?: string) =>
  new AppError(code, message, 409, field ? { field } : undefined);
