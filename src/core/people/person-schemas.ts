import { z } from 'zod';

// The answers about persons that other modules' routes repeat (a record's person, a list's rows): one schema, so
// none of them drops a field the people service returns.

export const Sex = z.enum(['M', 'F']);
export const PersonStatus = z.enum(['alive', 'deceased', 'moved_out']);

/** `PersonSummary` of person-query.ts. */
export const PersonSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  idNumber: z.string().nullable(),
  sex: Sex,
  birthDate: z.string(),
  status: PersonStatus,
  statusDate: z.string().nullable(),
  relation: z.string().nullable(),
  householdId: z.number(),
  householdNo: z.string(),
  areaId: z.number(),
  areaName: z.string(),
});
