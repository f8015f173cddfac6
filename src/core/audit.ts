import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, DbOrTrx } from './db/index.js';
import { decodeCursor, toPage } from './pagination.js';

/** Who did something: a customer profile, a staff user, the system (jobs) or nobody signed in. */
export type Actor =
  | {
      kind: 'profile';
      id: string;
      companyId: string;
      role: 'primary' | 'advanced' | 'secondary';
      email: string;
      name: string;
    }
  | { kind: 'staff'; id: string; role: import('./permissions.js').StaffRole; email: string; name: string }
  | { kind: 'system'; name?: string }
  | { kind: 'anonymous' };

/**
 * Where the request being served came from, for the audit trail. The app enters it once per
 * request (app.ts), so a use case need not pass the caller's address along to every recordAudit;
 * jobs run outside it and record no address.
 */
export const requestMeta = new AsyncLocalStorage<{ ip: string }>();

export interface AuditInput {
  actor: Actor;
  action: string;
  entity: string;
  entityId?: string | null;
  companyId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string;
  at: Date;
}

/**
 * records a state change with actor, time and the state before and after. Call it with the
 * same transaction as the change, so that the entry exists exactly when the change does.
 */
export async function recordAudit(db: DbOrTrx, e: AuditInput): Promise<void> {
  const actorId = e.actor.kind === 'profile' || e.actor.kind === 'staff' ? e.actor.id : null;
  const label =
    e.actor.kind === 'profile' || e.actor.kind === 'staff'
      ? e.actor.email
      : e.actor.kind === 'system'
        ? (e.actor.name ?? 'system')
        : 'anonymous';
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_kind: e.actor.kind,
      actor_id: actorId,
      actor_label: label,
      company_id: e.companyId ?? (e.actor.kind === 'profile' ? e.actor.companyId : null),
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      ip: e.ip ?? requestMeta.getStore()?.ip ?? '',
    })
    .execute();
}

/** X-3 for the staff audit page: entries newest first (keyset), filtered by action, entity or entity id. */
export async function listAudit(
  db: Db,
  q: { action?: string; entity?: string; entityId?: string; limit: number; cursor?: string },
) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['time', 'bigint']) as [string, string];
    const atDate = new Date(at);
    query = query.where((eb) => eb.or([eb('at', '<', atDate), eb.and([eb('at', '=', atDate), eb('id', '<', id)])]));
  }
  const rows = await query.execute();
  return toPage(
    rows,
    q.limit,
    (r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      companyId: r.company_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      ip: r.ip,
    }),
    (r) => [r.at.toISOString(), String(r.id)],
  );
}
