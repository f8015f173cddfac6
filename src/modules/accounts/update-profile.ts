import { inTransaction } from '../../core/db/transaction.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Profile } from './tables.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { assertCanEdit } from './policy.js';
import { findProfile } from './queries.js';

export interface UpdateProfileInput {
  name?: string;
  phone?: string;
  jobTitle?: string;
  timezone?: string | null;
  notifyTickets?: boolean;
  newsSecurity?: boolean;
  newsProduct?: boolean;
  role?: 'advanced' | 'secondary';
}

/** A-8 self-profile, or the primary editing another profile of the company. */
export async function updateProfile(
  ctx: AppContext,
  actor: ProfileActor,
  id: string,
  input: UpdateProfileInput,
): Promise<Profile> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const before = await findProfile(trx, id);
    assertCanEdit(actor, before as Profile);
    if (!before) throw new AppError('not-found');
    if (input.role !== undefined && (before.role === 'primary' || actor.role !== 'primary')) {
      throw new AppError(
        'forbidden',
        "Only the company owner can change another profile's role; the owner's role cannot change.",
        [{ field: 'role', message: 'This role cannot be changed here.' }],
      );
    }
    const changes = {
      name: input.name,
      phone: input.phone,
      job_title: input.jobTitle,
      timezone: input.timezone,
      notify_tickets: input.notifyTickets,
      news_security: input.newsSecurity,
      news_product: input.newsProduct,
      role: input.role,
    };
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return before;
    const after = await trx
      .updateTable('profiles')
      .set({ ...set, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const beforeSubset = Object.fromEntries(Object.keys(set).map((k) => [k, before[k as keyof Profile]]));
    await recordAudit(trx, {
      actor,
      action: 'profile.updated',
      entity: 'profile',
      entityId: id,
      before: beforeSubset,
      after: set,
      at: now,
    });
    return after;
  });
}
