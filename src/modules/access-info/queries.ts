import type { DbOrTrx } from '../../core/db/index.js';
import type { AccessInfoRow } from './tables.js';

/** The access-info row of a ticket (held or erased), or undefined when none was ever posted. */
export function accessInfoOf(db: DbOrTrx, ticketId: string, forUpdate = false): Promise<AccessInfoRow | undefined> {
  let q = db.selectFrom('ticket_access_info').selectAll().where('ticket_id', '=', ticketId);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A row that still holds sealed access info (not erased). */
export type HeldRow = AccessInfoRow & {
  protocol: NonNullable<AccessInfoRow['protocol']>;
  key_id: string;
  iv: Buffer;
  sealed: Buffer;
  auth_tag: Buffer;
  posted_at: Date;
};

export const isHeld = (r: AccessInfoRow | undefined): r is HeldRow => !!r && r.sealed !== null;
