import type { AppContext } from '../../core/context.js';
import type { Ticket, TicketPriority } from '../../core/db/schema.js';
import { type FieldError, invalid } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import type { ReceivedFile } from '../../core/storage/receive-uploads.js';
import { effectiveFor } from './effective.js';
import { ticketConfigWith } from './ticket-config.js';
import { hotrushDue } from './hotrush.js';
import { recordTicketEvent } from './events.js';
import { insertMessage } from './insert-message.js';
import { notifyCustomers } from './notify.js';

export interface CreateTicketInput {
  type: string;
  licenses: string[];
  version?: string;
  priority: TicketPriority;
  hotrush: boolean;
  title: string;
  message: string;
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
  origin: { source: 'web' | 'email' | 'api'; emailMessageId?: string | null } = { source: 'web' },
): Promise<Ticket> {
  const now = ctx.clock.now();
  const errors: FieldError[] = [];
  const type = (await ticketConfigWith(ctx.db, 'types', input.type)).types.get(input.type);
  if (!type || type.system) errors.push({ field: 'type', message: 'Choose the type of your question.' });
  const keys = [...new Set(input.licenses.map((k) => k.trim().toUpperCase()))];
  const licenses = keys.length
    ? await ctx.db.selectFrom('licenses').select(['id', 'key', 'product_id']).where('company_id', '=', actor.companyId).where('key', 'in', keys).execute()
    : [];
  const missing = keys.filter((k) => !licenses.some((l) => l.key === k));
  if (missing.length) errors.push({ field: 'licenses', message: `Not a license of your company: ${missing.join(', ')}.` });
  if (type?.needs_license && keys.length === 0) errors.push({ field: 'licenses', message: 'Choose the license your question is about.' });
  const productId = licenses.find((l) => l.key === keys[0])?.product_id ?? null;
  if (input.version) {
    if (!productId) errors.push({ field: 'version', message: 'Choose a license before the version.' });
    else {
      const r = await ctx.db.selectFrom('releases').select('id').where('product_id', '=', productId).where('version', '=', input.version).executeTakeFirst();
      if (!r) errors.push({ field: 'version', message: "This is not a version of the license's product." });
    }
  }
  if (input.hotrush && type && !type.hotrush_allowed) errors.push({ field: 'hotrush', message: 'HotRush is for tech support questions only.' });
  if (errors.length) throw invalid(errors);
  if (!type) throw invalid({ field: 'type', message: 'Choose the type of your question.' });

  const effective = await effectiveFor(ctx.db, actor.companyId, input.priority, now);
  return ctx.db.transaction().execute(async (trx) => {
    const t = await trx
      .insertInto('tickets')
      .values({
        company_id: actor.companyId,
        author_id: actor.id,
        type_key: type.key,
        department_key: type.department_key,
        title: input.title,
        status: 'submitted',
        priority: input.priority,
        hotrush: input.hotrush,
        product_id: productId,
        version: input.version ?? '',
        effective,
        due_at: input.hotrush ? hotrushDue(now) : null,
        last_message_at: now,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (licenses.length) await trx.insertInto('ticket_licenses').values(licenses.map((l) => ({ ticket_id: t.id, license_id: l.id }))).execute();
    const m = await insertMessage(trx, { ticketId: t.id, companyId: t.company_id, author: { kind: 'profile', id: actor.id }, body: input.message, source: origin.source, emailMessageId: origin.emailMessageId, files, at: now });
    await recordTicketEvent(trx, { ticketId: t.id, kind: 'created', actor, at: now, to: 'submitted' });
    await notifyCustomers(ctx, trx, t, { rootCode: m.message_code, code: m.message_code, kind: 'ticket-created', headline: `Your ticket #${t.number} "${t.title}" was received by our ${type.department_key} team.`, body: input.message }, now);
    return t;
  });
}
