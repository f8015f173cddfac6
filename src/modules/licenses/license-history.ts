import type { DbOrTrx } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { normalizeLicenseKey } from './license-key.js';

/**
 * L-6: every event of a license, oldest first. A company sees the events of the time it held the
 * license (a former holder's history ends with the transfer; the new holder's starts with it).
 * `companyId` null: staff, who see all of it.
 */
export async function licenseHistory(db: DbOrTrx, rawKey: string, companyId: string | null) {
  const key = normalizeLicenseKey(rawKey);
  if (!key) throw notFound('This license');
  const l = await db.selectFrom('licenses').select(['id', 'company_id']).where('key', '=', key).executeTakeFirst();
  if (!l) throw notFound('This license');
  let q = db.selectFrom('license_events').selectAll().where('license_id', '=', l.id);
  if (companyId !== null) {
    if (l.company_id !== companyId) {
      const held = await db
        .selectFrom('license_transfers')
        .select('id')
        .where('license_id', '=', l.id)
        .where('from_company_id', '=', companyId)
        .where('state', '=', 'completed')
        .executeTakeFirst();
      if (!held) throw notFound('This license');
    }
    q = q.where('company_id', '=', companyId);
  }
  const rows = await q.orderBy('id').limit(5000).execute();
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    kind: r.kind,
    actor: r.actor_label,
    actorKind: r.actor_kind,
    detail: (r.detail ?? {}) as Record<string, unknown>,
  }));
}
