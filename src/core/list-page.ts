import { z } from 'zod';

// Every list endpoint pages the same way: page 1-based, pageSize 20 by default and at most 200.
export const MAX_PAGE_SIZE = 200;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> extends PageRequest {
  items: T[];
  total: number;
}

/** The query-string fields of a paged list, for a route's zod schema. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
};

/** A page request with defaults filled and pageSize clamped, for services called without a route. */
export function pageRequest(input: Partial<PageRequest> = {}): PageRequest & { offset: number } {
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(input.pageSize ?? 20)));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The response schema of a paged list of `item`. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
