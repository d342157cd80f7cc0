import { z } from 'zod';
import { isRealDate } from './dates.ts';

// Request pieces every module's routes share, so a date or an id is checked and explained the same way everywhere.

/** Text shaped 'YYYY-MM-DD', for routes whose service explains an impossible date itself. */
export const DateFormat = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A calendar date 'YYYY-MM-DD' that exists (no 2月30日). */
export const DateString = DateFormat.refine(isRealDate, '日期不存在，请核对年月日');

/** Path parameters of a route on one record: `/things/:id`. */
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** The answer of a write that returns nothing else. */
export const Ok = z.object({ ok: z.literal(true) });
