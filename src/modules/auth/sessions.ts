import { addDays } from '../../core/clock.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { randomToken, sha256 } from '../../core/secrets.js';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a server-side session; the cookie gets the token, the table only its hash. */
export async function createSession(
  db: DbOrTrx,
  owner: { profileId: string } | { staffId: string },
  meta: { ip: string; userAgent: string },
  now: Date,
  days: number,
): Promise<NewSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = addDays(now, days);
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      profile_id: 'profileId' in owner ? owner.profileId : null,
      staff_id: 'staffId' in owner ? owner.staffId : null,
      csrf_token: csrfToken,
      ip: meta.ip.slice(0, 100),
      user_agent: meta.userAgent.slice(0, 300),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Ends every session of a profile or staff user, except optionally the current one. */
export async function revokeAllSessions(
  db: DbOrTrx,
  owner: { profileId: string } | { staffId: string },
  now: Date,
  exceptSessionId?: string,
): Promise<void> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('revoked_at', 'is', null);
  q = 'profileId' in owner ? q.where('profile_id', '=', owner.profileId) : q.where('staff_id', '=', owner.staffId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

/** Revokes every personal API token of a profile or staff user. */
export async function revokeAllApiTokens(
  db: DbOrTrx,
  owner: { profileId: string } | { staffId: string },
  now: Date,
): Promise<void> {
  let q = db.updateTable('api_tokens').set({ revoked_at: now }).where('revoked_at', 'is', null);
  q = 'profileId' in owner ? q.where('profile_id', '=', owner.profileId) : q.where('staff_id', '=', owner.staffId);
  await q.execute();
}

/** Ends every outstanding password-reset or invitation link of a profile or staff user. */
export async function revokeResetLinks(
  db: DbOrTrx,
  owner: { profileId: string } | { staffId: string },
  now: Date,
): Promise<void> {
  let q = db.updateTable('password_reset_tokens').set({ used_at: now }).where('used_at', 'is', null);
  q = 'profileId' in owner ? q.where('profile_id', '=', owner.profileId) : q.where('staff_id', '=', owner.staffId);
  await q.execute();
}
