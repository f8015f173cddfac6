import type { DbOrTrx } from './db/index.js';

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
      ip: e.ip ?? '',
    })
    .execute();
}
