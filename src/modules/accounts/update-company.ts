import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Company } from './tables.js';
import type { ProfileActor } from '../../core/policy.js';

export interface UpdateCompanyInput {
  name?: string;
  address?: string;
  phone?: string;
  taxId?: string;
  billingEmail?: string;
}

/** the primary edits the company profile. */
export async function updateCompany(ctx: AppContext, actor: ProfileActor, input: UpdateCompanyInput): Promise<Company> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', actor.companyId)
      .executeTakeFirstOrThrow();
    const changes = {
      name: input.name,
      address: input.address,
      phone: input.phone,
      tax_id: input.taxId,
      billing_email: input.billingEmail,
    };
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return before;
    const after = await trx
      .updateTable('companies')
      .set({ ...set, updated_at: now })
      .where('id', '=', actor.companyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const beforeSubset = Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof Company]]));
    await recordAudit(trx, {
      actor,
      action: 'company.updated',
      entity: 'company',
      entityId: actor.companyId,
      before: beforeSubset,
      after: set,
      at: now,
    });
    return after;
  });
}
