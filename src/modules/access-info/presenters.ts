import type { Config } from '../../core/config.js';
import type { z } from 'zod';
import type { AccessInfoRow } from './tables.js';
import type { HeldRow } from './queries.js';
import type { AccessSecrets } from './seal.js';
import type { customerAccessInfo, revealedAccessInfo } from './schemas.js';

const day = 86_400_000;

/** The last erasure of a row that holds nothing now. */
export function presentErased(row: AccessInfoRow | undefined) {
  if (!row?.erased_at || row.sealed !== null || !row.erase_reason) return null;
  return { at: row.erased_at.toISOString(), by: row.erased_by_label, reason: row.erase_reason };
}

/**
 * T-18: the customer's view of what they left: host, protocol, port and user, and of the secrets
 * only whether they were saved (and a password's last two characters, to tell two apart).
 */
export function presentForCustomer(
  row: HeldRow,
  secrets: AccessSecrets,
  config: Pick<Config, 'accessInfo'>,
): NonNullable<z.infer<typeof customerAccessInfo>['accessInfo']> {
  return {
    protocol: row.protocol,
    host: secrets.host,
    port: secrets.port,
    username: secrets.username,
    password: {
      saved: secrets.password !== '',
      endsWith: secrets.password.length >= 8 ? secrets.password.slice(-2) : null,
    },
    privateKeySaved: secrets.privateKey !== '',
    notesSaved: secrets.notes !== '',
    postedAt: row.posted_at.toISOString(),
    postedBy: row.posted_by_label,
    eraseAfter: row.ticket_closed_at
      ? new Date(row.ticket_closed_at.getTime() + config.accessInfo.retentionDays * day).toISOString()
      : null,
  };
}

export function presentRevealed(row: HeldRow, secrets: AccessSecrets): z.infer<typeof revealedAccessInfo> {
  return {
    protocol: row.protocol,
    ...secrets,
    postedAt: row.posted_at.toISOString(),
    postedBy: row.posted_by_label,
  };
}
