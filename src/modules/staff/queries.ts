import type { Db } from '../../core/db/index.js';
import { decodeCursor, toPage } from '../../core/pagination.js';
import { presentCompany } from '../accounts/index.js';

/** Companies by name (keyset), optionally those whose name starts with q or that have a profile with e-mail q. */
export async function listCompanies(db: Db, q: { q?: string; limit: number; cursor?: string }) {
  let query = db
    .selectFrom('companies')
    .selectAll()
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .limit(q.limit + 1);
  if (q.q) {
    const needle = q.q.toLowerCase();
    const escaped = needle.replace(/[\\%_]/g, (c) => `\\${c}`);
    // Two index lookups joined by UNION (an OR across them would scan the companies).
    const matches = db
      .selectFrom('companies')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), 'like', `${escaped}%`))
      .union(
        db
          .selectFrom('profiles')
          .select('company_id as id')
          .where((p) => p(p.fn('lower', ['email']), '=', needle)),
      );
    query = query.where('id', 'in', matches);
  }
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string];
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), '>', name),
        eb.and([eb(eb.fn('lower', ['name']), '=', name), eb('id', '>', id)]),
      ]),
    );
  }
  const rows = await query.execute();
  return toPage(rows, q.limit, presentCompany, (r) => [r.name.toLowerCase(), r.id]);
}

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
