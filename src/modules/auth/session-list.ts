import type { DbOrTrx } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';

type Owner = ProfileActor | StaffActor;
const column = (a: Owner) => (a.kind === 'profile' ? 'profile_id' : 'staff_id');

export async function listSessions(db: DbOrTrx, actor: Owner, currentId: string | undefined, now: Date) {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where(column(actor), '=', actor.id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    current: r.id === currentId,
    ip: r.ip,
    userAgent: r.user_agent,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
  }));
}

/** Ends one of the actor's own sessions; another person's session is "not found". */
export async function revokeSession(db: DbOrTrx, actor: Owner, id: string, now: Date): Promise<void> {
  const row = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where(column(actor), '=', actor.id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('This session');
}
