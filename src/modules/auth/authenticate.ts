import type { Actor } from '../../core/audit.js';
import type { Db } from '../../core/db/index.js';
import type { Authentication } from '../../core/http.js';
import { sha256 } from '../../core/secrets.js';
import { activeProfiles } from '../accounts/index.js';
import { enabledStaff } from '../staff/index.js';

export const sessionCookieName = 'clientele_session';

// The person behind a session or token: an active profile (p, from accounts) or an enabled staff user
// (u, from staff), each joined as the owner's derived table so the lookup stays one indexed query.
const actorColumns = [
  'p.id as p_id',
  'p.company_id',
  'p.role as p_role',
  'p.email as p_email',
  'p.name as p_name',
  'u.id as u_id',
  'u.role as u_role',
  'u.email as u_email',
  'u.name as u_name',
] as const;

const anonymous: Authentication = { actor: { kind: 'anonymous' }, session: null, via: 'none' };
const touchEveryMs = 5 * 60_000;

/**
 * Resolves who is calling from the session cookie or the Bearer token, in one indexed query.
 * A revoked or expired session, a disabled profile or staff user, or an unknown token is anonymous.
 */
export async function authenticate(
  db: Db,
  creds: { cookie?: string; bearer?: string },
  now: Date,
): Promise<Authentication> {
  if (creds.bearer) return authenticateToken(db, creds.bearer, now);
  if (!creds.cookie) return anonymous;
  const id = sha256(creds.cookie);
  const row = await db
    .selectFrom('sessions as s')
    .leftJoin(activeProfiles(db).as('p'), 'p.id', 's.profile_id')
    .leftJoin(enabledStaff(db).as('u'), 'u.id', 's.staff_id')
    .select(['s.id', 's.csrf_token', 's.last_seen_at', ...actorColumns])
    .where('s.id', '=', id)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return anonymous;
  const actor = toActor(row);
  if (!actor) return anonymous;
  if (now.getTime() - row.last_seen_at.getTime() > touchEveryMs) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return { actor, session: { id: row.id, csrfToken: row.csrf_token }, via: 'cookie' };
}

async function authenticateToken(db: Db, token: string, now: Date): Promise<Authentication> {
  const row = await db
    .selectFrom('api_tokens as t')
    .leftJoin(activeProfiles(db).as('p'), 'p.id', 't.profile_id')
    .leftJoin(enabledStaff(db).as('u'), 'u.id', 't.staff_id')
    .select(['t.id', 't.last_used_at', ...actorColumns])
    .where('t.token_hash', '=', sha256(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .executeTakeFirst();
  if (!row) return { ...anonymous, via: 'bearer' };
  const actor = toActor(row);
  if (!actor) return { ...anonymous, via: 'bearer' };
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > touchEveryMs) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { actor, session: null, via: 'bearer' };
}

interface ActorRow {
  p_id: string | null;
  company_id: string | null;
  p_role: 'primary' | 'advanced' | 'secondary' | null;
  p_email: string | null;
  p_name: string | null;
  u_id: string | null;
  u_role: import('../../core/permissions.js').StaffRole | null;
  u_email: string | null;
  u_name: string | null;
}

function toActor(r: ActorRow): Actor | null {
  if (r.p_id && r.company_id && r.p_role) {
    return {
      kind: 'profile',
      id: r.p_id,
      companyId: r.company_id,
      role: r.p_role,
      email: r.p_email ?? '',
      name: r.p_name ?? '',
    };
  }
  if (r.u_id && r.u_role)
    return { kind: 'staff', id: r.u_id, role: r.u_role, email: r.u_email ?? '', name: r.u_name ?? '' };
  return null;
}
