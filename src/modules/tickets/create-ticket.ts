import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../core/context.js';
import type { Ticket, TicketPriority } from './tables.js';
import { type FieldError, invalid, isUniqueViolation } from '../../core/errors.js';
import { outboxInsert } from '../../core/mail/outbox.js';
import type { ProfileActor } from '../../core/policy.js';
import type { ReceivedFile } from '../../core/storage/receive-uploads.js';
import { habitCounts, habitFromCounts, type PriorityCounts, reweighOpenTickets } from './effective.js';
import { effectivePriority } from './effective-priority.js';
import { ticketEventRow } from './events.js';
import { attachmentRows, messageRow } from './insert-message.js';
import { newMessageCode } from './message-code.js';
import { type TicketMailPerson, ticketMails } from './notify.js';
import { replyTokenKey } from './reply-token.js';
import type { TicketExtras } from './presenters.js';
import { ticketConfigWith } from './ticket-config.js';
import { ticketMailPeople } from '../accounts/index.js';
import { companyLicensesByKeys, isReleaseOf } from '../licenses/index.js';
import { recordTicketSupport } from '../support/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { newTicketSla } from '../service-levels/index.js';

/** Where a new ticket came from: the web form, an e-mail to the support address (E-2), or the API. */
export type TicketOrigin = { source: 'web' | 'email' | 'api'; emailMessageId?: string | null };

type Prepared = { number: string; habit: PriorityCounts; people: TicketMailPerson[] };

export interface CreateTicketInput {
  type: string;
  licenses: string[];
  version?: string;
  priority: TicketPriority;
  hotrush: boolean;
  title: string;
  message: string;
  /** S-2: "I agree in advance to assessments up to N credits" (tech support on a credit or period plan). */
  preAgreeUpTo?: number | undefined;
}

/**
 * T-4: the checks of a new ticket's fields that need the database: the type, the company's
 * licenses (required for tech support), the version of the license's product, HotRush for tech
 * support only. All problems at once, per field (a 422). The route runs it before it accepts the
 * attachments' bytes (read-body.ts), and openTicket runs it again inside.
 */
export async function checkTicketFields(
  ctx: AppContext,
  actor: ProfileActor,
  input: Pick<CreateTicketInput, 'type' | 'licenses' | 'version' | 'hotrush'>,
) {
  const errors: FieldError[] = [];
  const config = await ticketConfigWith(ctx.db, { types: [input.type] });
  const type = config.types.get(input.type);
  if (!type || type.system) errors.push({ field: 'type', message: 'Choose the type of your question.' });
  const keys = [...new Set(input.licenses.map((k) => k.trim().toUpperCase()))];
  const licenses = await companyLicensesByKeys(ctx.db, actor.companyId, keys);
  const missing = keys.filter((k) => !licenses.some((l) => l.key === k));
  if (missing.length)
    errors.push({ field: 'licenses', message: `Not a license of your company: ${missing.join(', ')}.` });
  if (type?.needs_license && keys.length === 0)
    errors.push({ field: 'licenses', message: 'Choose the license your question is about.' });
  const first = licenses.find((l) => l.key === keys[0]);
  const productId = first?.product_id ?? null;
  if (input.version) {
    if (!productId) errors.push({ field: 'version', message: 'Choose a license before the version.' });
    else if (!(await isReleaseOf(ctx.db, productId, input.version))) {
      errors.push({ field: 'version', message: "This is not a version of the license's product." });
    }
  }
  if (input.hotrush && type && !type.hotrush_allowed)
    errors.push({ field: 'hotrush', message: 'HotRush is for tech support questions only.' });
  if (errors.length) throw invalid(errors);
  if (!type) throw invalid({ field: 'type', message: 'Choose the type of your question.' });
  return { type, config, licenses, first, productId };
}

/**
 * T-4: a customer opens a ticket: type (routes it to a department, T-2), licenses of the company
 * (required for tech support), the product version (offered when a license is set; a release of
 * the license's product, L-9), priority, HotRush (tech support only, T-12), title, message and
 * attachments (already streamed to storage by the route; F-6). Every problem is reported per field
 * and nothing is written. The author and the company's profiles that want ticket mail are told (T-15).
 */
export async function createTicket(
  ctx: AppContext,
  actor: ProfileActor,
  input: CreateTicketInput,
  files: ReceivedFile[] = [],
  origin: TicketOrigin = { source: 'web' },
): Promise<Ticket> {
  return (await openTicket(ctx, actor, input, files, origin)).ticket;
}

/**
 * createTicket, with what the response shows (names of the type, department, product and author),
 * so the route answers without reading them again. The intake path is kept to three round trips:
 * the checks (licenses and version only when given), one read of the ticket number, the company's
 * habit (T-11) and the people to tell (T-15), and one statement that writes the ticket, its
 * licenses, the message with its attachments, the event and the mails (atomic without a
 * transaction; bench/tickets.ts measures it).
 */
export async function openTicket(
  ctx: AppContext,
  actor: ProfileActor,
  input: CreateTicketInput,
  files: ReceivedFile[] = [],
  origin: TicketOrigin = { source: 'web' },
): Promise<{ ticket: Ticket; extras: TicketExtras }> {
  const now = ctx.clock.now();
  const { type, config, licenses, first, productId } = await checkTicketFields(ctx, actor, input);

  // The number (drawn from the ticket sequence), the habit and the recipients: one round trip.
  const prep = await sql<Prepared>`
    SELECT nextval(pg_get_serial_sequence('tickets', 'number'))::text AS number,
      (SELECT row_to_json(h) FROM (${habitCounts(ctx.db, actor.companyId, now)}) h) AS habit,
      (SELECT coalesce(json_agg(p ORDER BY p.email), '[]'::json) FROM (${ticketMailPeople(ctx.db, actor.companyId, actor.id)}) p) AS people`.execute(
    ctx.db,
  );
  const { number, habit: counts, people } = prep.rows[0] as Prepared;
  // T-11: the habit with this ticket counted; the company's other open tickets follow it below.
  const habit = habitFromCounts(counts, input.priority);
  const ticketId = randomUUID();
  const messageId = randomUUID();
  // S-4 / S-6: the plan it is asked under, and its first response due (T-12 HotRush 2 h, VIP 12 h, …).
  const sla = await newTicketSla(ctx.db, {
    ticketId,
    companyId: actor.companyId,
    departmentKey: type.department_key,
    priority: input.priority,
    hotrush: input.hotrush,
    licenseIds: licenses.map((l) => l.id),
    at: now,
  });
  const ticketRow = {
    id: ticketId,
    number,
    company_id: actor.companyId,
    author_id: actor.id,
    type_key: type.key,
    department_key: type.department_key,
    title: input.title,
    status: 'submitted' as const,
    priority: input.priority,
    hotrush: input.hotrush,
    product_id: productId,
    version: input.version ?? '',
    effective: effectivePriority(input.priority, habit),
    vip: sla.vip,
    due_at: sla.dueAt,
    last_message_at: now,
    last_activity_at: now,
    created_at: now,
    updated_at: now,
  };
  const message = {
    ticketId,
    companyId: actor.companyId,
    author: { kind: 'profile' as const, id: actor.id },
    body: input.message,
    source: origin.source,
    emailMessageId: origin.emailMessageId,
    files,
    at: now,
  };
  const replyKey = await replyTokenKey(ctx);
  for (;;) {
    const code = newMessageCode();
    const mails = ticketMails(
      ctx,
      { number, title: input.title },
      people,
      {
        code,
        kind: 'ticket-created',
        headline: `Your ticket #${number} "${input.title}" was received by our ${type.department_key} team.`,
        body: input.message,
      },
      code,
      replyKey,
    );
    const db = ctx.db;
    const writes = [
      sql`t AS (${db.insertInto('tickets').values(ticketRow).returningAll()})`,
      sql`m AS (${db.insertInto('ticket_messages').values(messageRow(message, code, messageId))})`,
      sql`w AS (${reweighOpenTickets(db, actor.companyId, now, habit)})`,
      sql`s AS (${sla.insert(db)})`,
      sql`e AS (${db.insertInto('ticket_events').values(ticketEventRow({ ticketId, kind: 'created', actor, at: now, to: 'submitted' }))})`,
      ...(licenses.length
        ? [
            sql`l AS (${db.insertInto('ticket_licenses').values(licenses.map((l) => ({ ticket_id: ticketId, license_id: l.id })))})`,
          ]
        : []),
      ...(files.length
        ? [sql`a AS (${db.insertInto('ticket_attachments').values(attachmentRows(message, messageId))})`]
        : []),
      ...(mails.length ? [sql`o AS (${outboxInsert(db, mails, now, ctx.mailDomain)})`] : []),
    ];
    try {
      // S-2: the plan the question is asked under and the pre-agreement, in the ticket's transaction.
      const ticket = await inTransaction(db, async (trx) => {
        const r = await sql<Ticket>`WITH ${sql.join(writes)} SELECT * FROM t`.execute(trx);
        await recordTicketSupport(trx, {
          ticketId,
          companyId: actor.companyId,
          licenseIds: licenses.map((l) => l.id),
          preAgreeUpTo: input.preAgreeUpTo,
          at: now,
        });
        return r.rows[0] as Ticket;
      });
      const extras: TicketExtras = {
        typeName: type.name,
        departmentName: config.departments.get(type.department_key)?.name ?? type.department_key,
        licenses: licenses.map((l) => l.key),
        productName: first?.product_name ?? null,
        authorName: actor.name,
        mergedInto: null,
        precloseRule: type.preclose_rule,
      };
      return { ticket, extras };
    } catch (e) {
      // T-5: a message ID drawn twice (astronomically rare): nothing was written; draw again.
      if (isUniqueViolation(e, 'ticket_messages_message_code_key')) continue;
      throw e;
    }
  }
}
