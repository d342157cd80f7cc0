import type { Db } from '../../core/db/connection.ts';
import type { Payer } from '../db/schema.ts';

/** A contribution category (参合类别): 自缴, or paid for the person by government or other funds (五保, 低保, …). */
export interface ContributionCategory {
  code: string;
  name: string;
  payer: Payer;
  payerName: string;
  subsidised: boolean;
}

/** Every category, in the order the county lists them (the table is seeded by the migration). */
export async function contributionCategories(db: Db): Promise<ContributionCategory[]> {
  const rows = await db.selectFrom('ncms_contribution_category').selectAll().orderBy('sort').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, payer: r.payer, payerName: r.payer_name, subsidised: r.payer !== 'individual' }));
}
