import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import type { StaffUser } from './tables.js';

/** The signed-in staff user's own row (their settings page). */
export async function findOwnStaffUser(ctx: AppContext, actor: StaffActor): Promise<StaffUser> {
  const u = await ctx.db.selectFrom('staff_users').selectAll().where('id', '=', actor.id).executeTakeFirst();
  if (!u) throw notFound('This staff user');
  return u;
}

/**
 * A staff user changes their own settings: today the time zone the console shows times in
 * (null = the browser's). Name, e-mail and role stay the admin's to change. Audited.
 */
export async function updateOwnStaffSettings(
  ctx: AppContext,
  actor: StaffActor,
  input: { timezone?: string | null },
): Promise<StaffUser> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('staff_users').selectAll().where('id', '=', actor.id).executeTakeFirst();
    if (!before) throw notFound('This staff user');
    if (input.timezone === undefined || input.timezone === before.timezone) return before;
    const after = await trx
      .updateTable('staff_users')
      .set({ timezone: input.timezone, updated_at: now })
      .where('id', '=', actor.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      action: 'staff.settings-updated',
      entity: 'staff',
      entityId: actor.id,
      before: { timezone: before.timezone },
      after: { timezone: after.timezone },
      at: now,
    });
    return after;
  });
}
