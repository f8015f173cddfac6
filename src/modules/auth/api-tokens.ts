import { recordAudit } from '../../core/audit.js';
import { addDays } from '../../core/clock.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { randomToken, sha256 } from '../../core/secrets.js';

type Owner = ProfileActor | StaffActor;
const ownerColumn = (a: Owner) => (a.kind === 'profile' ? 'profile_id' : 'staff_id');

/**
 * a personal API token. It acts with exactly the permissions of its owner (it is resolved to
 * the same actor); the secret is returned once and stored only as a hash.
 */
export async function createApiToken(
  db: DbOrTrx,
  actor: Owner,
  input: { name: string; expiresInDays?: number },
  now: Date,
) {
  const secret = `clt_${randomToken(32)}`;
  const row = await db
    .insertInto('api_tokens')
    .values({
      profile_id: actor.kind === 'profile' ? actor.id : null,
      staff_id: actor.kind === 'staff' ? actor.id : null,
      name: input.name,
      token_hash: sha256(secret),
      prefix: secret.slice(0, 10),
      created_at: now,
      expires_at: input.expiresInDays ? addDays(now, input.expiresInDays) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actor,
    action: 'api-token.created',
    entity: 'api-token',
    entityId: row.id,
    after: { name: row.name },
    at: now,
  });
  return { token: presentToken(row), secret };
}

export async function listApiTokens(db: DbOrTrx, actor: Owner, now: Date) {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where(ownerColumn(actor), '=', actor.id)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(presentToken);
}

export async function revokeApiToken(db: DbOrTrx, actor: Owner, id: string, now: Date): Promise<void> {
  const row = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where(ownerColumn(actor), '=', actor.id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('This token');
  await recordAudit(db, { actor, action: 'api-token.revoked', entity: 'api-token', entityId: id, at: now });
}

function presentToken(r: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
}) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
  };
}
