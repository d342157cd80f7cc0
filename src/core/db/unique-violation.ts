/**
 * True for PostgreSQL's unique_violation (23505), on both drivers: the read-then-write checks of two clerks submitting
 * the same thing at the same moment both pass, and the unique index refuses the second; callers say so in words.
 */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
