import type { Actor } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';

/** The kinds of license events (L-6), oldest first in the history. */
export type LicenseEventKind =
  | 'purchased'
  | 'verified'
  | 'accepted'
  | 'registered'
  | 'url-changed'
  | 'url-change-fee-due'
  | 'url-change-cancelled'
  | 'url-change-fee-waived'
  | 'module-added'
  | 'module-transferred-out'
  | 'module-transferred-in'
  | 'subscription-added'
  | 'status-changed'
  | 'version-changed'
  | 'transfer-requested'
  | 'transfer-cancelled'
  | 'transfer-declined'
  | 'transferred-out'
  | 'transferred-in'
  | 'revoked';

function actorColumns(actor: Actor) {
  if (actor.kind === 'profile' || actor.kind === 'staff')
    return { actor_kind: actor.kind, actor_id: actor.id, actor_label: actor.name };
  return {
    actor_kind: actor.kind,
    actor_id: null,
    actor_label: actor.kind === 'system' ? (actor.name ?? 'system') : 'anonymous',
  };
}

/** L-6 / X-3: writes one history event, in the transaction of the change it records. */
export async function recordLicenseEvent(
  db: DbOrTrx,
  e: {
    licenseId: string;
    companyId: string;
    kind: LicenseEventKind;
    actor: Actor;
    at: Date;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('license_events')
    .values({
      license_id: e.licenseId,
      company_id: e.companyId,
      at: e.at,
      kind: e.kind,
      ...actorColumns(e.actor),
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}
