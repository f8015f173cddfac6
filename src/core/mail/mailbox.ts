import type { Db } from '../db/index.js';
import { decodeCursor, toPage } from '../pagination.js';

const mailSummary = (m: {
  id: string;
  created_at: Date;
  to_address: string;
  subject: string;
  kind: string;
  status: string;
  transport: string | null;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}) => ({
  id: String(m.id),
  createdAt: m.created_at.toISOString(),
  to: m.to_address,
  subject: m.subject,
  kind: m.kind,
  status: m.status,
  transport: m.transport,
  attempts: m.attempts,
  lastError: m.last_error,
  sentAt: m.sent_at?.toISOString() ?? null,
});

/** The dev mailbox: the outbox, newest first, with each mail's delivery status. */
export async function listMailbox(db: Db, q: { to?: string; limit: number; cursor?: string }) {
  let query = db
    .selectFrom('mail_outbox')
    .select([
      'id',
      'created_at',
      'to_address',
      'subject',
      'kind',
      'status',
      'transport',
      'attempts',
      'last_error',
      'sent_at',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.to) query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', q.to!.toLowerCase()));
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['time', 'bigint']) as [string, string];
    const atDate = new Date(at);
    query = query.where((eb) =>
      eb.or([eb('created_at', '<', atDate), eb.and([eb('created_at', '=', atDate), eb('id', '<', id)])]),
    );
  }
  const rows = await query.execute();
  return toPage(rows, q.limit, mailSummary, (r) => [r.created_at.toISOString(), String(r.id)]);
}

export async function getMail(db: Db, id: string) {
  const m = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) return undefined;
  return { ...mailSummary(m), messageId: m.message_id, text: m.text_body, html: m.html_body, headers: m.headers };
}
