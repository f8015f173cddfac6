import type { DbOrTrx } from '../../../core/db/index.js';

/** The largest message accepted at all (the SMTP listener announces it with SIZE). */
export const inboundMaxBytes = 30 * 1024 * 1024;

/**
 * E-2: stores a raw inbound message before anything else looks at it. The SMTP listener answers
 * "250" only after this insert has committed, so an accepted mail is never lost.
 */
export async function storeInbound(
  db: DbOrTrx,
  raw: Buffer,
  meta: {
    via: 'smtp' | 'pipe' | 'api';
    envelopeFrom?: string;
    envelopeTo?: string;
    /** The SMTP client, for the listener's SPF check (E-2). */
    clientIp?: string;
    helo?: string;
  },
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto('inbound_mail')
    .values({
      received_at: now,
      via: meta.via,
      envelope_from: (meta.envelopeFrom ?? '').slice(0, 500),
      envelope_to: (meta.envelopeTo ?? '').slice(0, 2000),
      client_ip: (meta.clientIp ?? '').slice(0, 100),
      helo: (meta.helo ?? '').slice(0, 500),
      raw,
      size: raw.length,
      state: 'received',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
