/**
 * Why a person cannot be enrolled (参合) again, in the words the documents use: a subsidised enrollment (低保, 五保,
 * 计生户 …) and a self-paid one for the same person is the "one household, two cards" fault, named as such.
 */
import type { PersonStatus } from '../../core/db/schema.ts';

export function alreadyEnrolledMessage(year: number, existingCategoryName: string, newCategoryName: string): string {
  if (existingCategoryName === newCategoryName) return `该居民 ${year} 年度已以${existingCategoryName}身份参合，不能重复参合`;
  return `该居民已以${existingCategoryName}身份参合，不能重复以${newCategoryName}身份参合`;
}

/** Persons no longer living here cannot enroll; null for the living. */
export function notEnrollableMessage(status: PersonStatus, statusDate: string | null): string | null {
  const messages: Record<PersonStatus, string | null> = {
    alive: null,
    deceased: `该居民已于 ${statusDate} 死亡，不能参合`,
    moved_out: `该居民已于 ${statusDate} 迁出，不能参合`,
  };
  return messages[status];
}
