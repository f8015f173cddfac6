import type { DbOrTrx } from '../../core/db/index.js';

/**
 * T-12: counts one HotRush disable for the company, unless it has used `limit` already. One
 * conditional upsert, so the limit holds when several disables race. Returns false at the limit.
 */
export async function countHotRushDisable(trx: DbOrTrx, companyId: string, limit: number): Promise<boolean> {
  const row = await trx
    .insertInto('ticket_company_counters')
    .values({ company_id: companyId, hotrush_disables: 1 })
    .onConflict((oc) =>
      oc
        .column('company_id')
        .doUpdateSet((eb) => ({ hotrush_disables: eb('ticket_company_counters.hotrush_disables', '+', 1) }))
        .where('ticket_company_counters.hotrush_disables', '<', limit),
    )
    .returning('hotrush_disables')
    .executeTakeFirst();
  return row !== undefined;
}

/** T-12: how many HotRush disables the company has used. */
export async function hotrushDisablesUsed(db: DbOrTrx, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_company_counters')
    .select('hotrush_disables')
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row?.hotrush_disables ?? 0;
}
