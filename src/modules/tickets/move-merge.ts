import { inTransaction } from '../../core/db/transaction.js';
import type { AppContext } from '../../core/context.js';
import type { Ticket } from './tables.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { recordTicketEvent } from './events.js';
import { notifyCustomers } from './notify.js';
import { findTicket } from './queries.js';
import { customerVisible } from './policy.js';
import { updateTicketSla } from '../service-levels/index.js';
import { reweighOpenTickets } from './effective.js';

/**
 * T-6 / T-16: staff move a message that raises a new matter into a new ticket of the same company
 * (same type and department, Submitted, the message's attachments with it). Both timelines record
 * it and the customers are told the new ticket's number.
 */
export async function moveMessageToNewTicket(
  ctx: AppContext,
  actor: StaffActor,
  number: string,
  code: string,
  input: { title: string },
): Promise<Ticket> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const from = await findTicket(trx, number, true);
    if (from.type_key === 'license_log')
      throw new AppError('unprocessable', 'Messages of a license log ticket stay there.');
    const m = await trx
      .selectFrom('ticket_messages')
      .selectAll()
      .where('ticket_id', '=', from.id)
      .where('message_code', '=', code.toUpperCase())
      .executeTakeFirst();
    if (!m) throw notFound('This message');
    if (m.internal)
      throw new AppError(
        'unprocessable',
        'An internal note stays with its ticket: write a new note in the other ticket instead.',
      );
    const count = await trx
      .selectFrom('ticket_messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ticket_id', '=', from.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) < 2)
      throw new AppError('unprocessable', 'The only message of a ticket cannot be moved out of it.');
    const to = await trx
      .insertInto('tickets')
      .values({
        company_id: from.company_id,
        author_id: m.author_profile_id ?? from.author_id,
        type_key: from.type_key,
        department_key: from.department_key,
        title: input.title,
        status: 'submitted',
        priority: from.priority,
        product_id: from.product_id,
        version: from.version,
        effective: from.effective,
        first_answer_at: m.author_kind === 'staff' ? m.created_at : null,
        last_message_at: now,
        last_activity_at: now,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // S-6: the new ticket's clock: the moved message's side decides what is awaited.
    const due = await updateTicketSla(
      trx,
      {
        ...to,
        vip: from.vip,
        last_public_by: m.author_kind === 'staff' ? 'staff' : 'customer',
        waiting_since: m.created_at,
      },
      now,
      { kind: 'change' },
    );
    Object.assign(
      to,
      await trx
        .updateTable('tickets')
        .set({ due_at: due, vip: from.vip })
        .where('id', '=', to.id)
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    // T-11: one more ticket in the company's window: its open tickets are weighed again.
    await reweighOpenTickets(trx, from.company_id, now).execute();
    await trx
      .insertInto('ticket_licenses')
      .columns(['ticket_id', 'license_id'])
      .expression((eb) =>
        eb
          .selectFrom('ticket_licenses')
          .select([eb.val(to.id).as('ticket_id'), 'license_id'])
          .where('ticket_id', '=', from.id),
      )
      .execute();
    await trx.updateTable('ticket_messages').set({ ticket_id: to.id }).where('id', '=', m.id).execute();
    await trx.updateTable('ticket_attachments').set({ ticket_id: to.id }).where('message_id', '=', m.id).execute();
    await trx
      .updateTable('tickets')
      .set({ last_activity_at: now, updated_at: now })
      .where('id', '=', from.id)
      .execute();
    await recordTicketEvent(trx, {
      ticketId: from.id,
      kind: 'message-moved',
      actor,
      at: now,
      from: m.message_code,
      to: `#${to.number}`,
    });
    await recordTicketEvent(trx, {
      ticketId: to.id,
      kind: 'created',
      actor,
      at: now,
      from: `#${from.number}`,
      to: 'submitted',
    });
    await notifyCustomers(
      ctx,
      trx,
      to,
      {
        code: m.message_code,
        kind: 'ticket-split',
        headline: `${m.author_kind === 'profile' ? 'Your message' : 'Our message'} ${m.message_code} in ticket #${from.number} raises a new matter, so we moved it to the new ticket #${to.number} "${input.title}".`,
        body: m.body,
      },
      now,
    );
    return to;
  });
}

/**
 * T-6 / T-16: staff merge a duplicate ticket into another ticket of the same company: its messages
 * and attachments join the target's timeline, and it is Closed with a pointer to the target.
 */
export async function mergeTickets(
  ctx: AppContext,
  actor: StaffActor,
  number: string,
  input: { into: string },
): Promise<Ticket> {
  const now = ctx.clock.now();
  if (input.into === number) throw invalid({ field: 'into', message: 'A ticket cannot be merged into itself.' });
  return inTransaction(ctx.db, async (trx) => {
    // Lock both in number order, so two opposite merges cannot deadlock.
    const [a, b] = [number, input.into].sort((x, y) => Number(x) - Number(y));
    const first = await findTicket(trx, a as string, true).catch(() => null);
    const second = await findTicket(trx, b as string, true).catch(() => null);
    const source = [first, second].find((t) => t?.number === number);
    const target = [first, second].find((t) => t?.number === input.into);
    if (!source) throw notFound('This ticket');
    if (!target) throw invalid({ field: 'into', message: 'No ticket has this number.' });
    if (target.company_id !== source.company_id)
      throw invalid({ field: 'into', message: 'Only tickets of the same company can be merged.' });
    if (source.merged_into_id || target.merged_into_id)
      throw new AppError('conflict', 'One of these tickets is already merged into another.');
    if (source.type_key === 'license_log' || target.type_key === 'license_log')
      throw invalid({ field: 'into', message: 'License log tickets cannot be merged.' });
    await trx.updateTable('ticket_messages').set({ ticket_id: target.id }).where('ticket_id', '=', source.id).execute();
    await trx
      .updateTable('ticket_attachments')
      .set({ ticket_id: target.id })
      .where('ticket_id', '=', source.id)
      .execute();
    await trx
      .insertInto('ticket_licenses')
      .columns(['ticket_id', 'license_id'])
      .expression((eb) =>
        eb
          .selectFrom('ticket_licenses')
          .select([eb.val(target.id).as('ticket_id'), 'license_id'])
          .where('ticket_id', '=', source.id),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    const lastMessage = new Date(Math.max(source.last_message_at.getTime(), target.last_message_at.getTime()));
    const firstAnswer =
      [source.first_answer_at, target.first_answer_at]
        .filter((d): d is Date => d !== null)
        .sort((x, y) => x.getTime() - y.getTime())[0] ?? null;
    const after = await trx
      .updateTable('tickets')
      .set({ last_message_at: lastMessage, first_answer_at: firstAnswer, last_activity_at: now, updated_at: now })
      .where('id', '=', target.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('tickets')
      .set({
        status: 'closed',
        closed_at: now,
        merged_into_id: target.id,
        // S-6: the source's SLA clock stops; the target's goes on.
        due_at: await updateTicketSla(trx, { ...source, status: 'closed' }, now, { kind: 'change' }),
        last_activity_at: now,
        updated_at: now,
      })
      .where('id', '=', source.id)
      .execute();
    await recordTicketEvent(trx, {
      ticketId: source.id,
      kind: 'merged',
      actor,
      at: now,
      from: `#${source.number}`,
      to: `#${target.number}`,
    });
    if (source.status !== 'closed')
      await recordTicketEvent(trx, {
        ticketId: source.id,
        kind: 'status',
        actor,
        at: now,
        from: source.status,
        to: 'closed',
      });
    await recordTicketEvent(trx, {
      ticketId: target.id,
      kind: 'merged',
      actor,
      at: now,
      from: `#${source.number}`,
      to: `#${target.number}`,
    });
    const last = await trx
      .selectFrom('ticket_messages')
      .select('message_code')
      .where('ticket_id', '=', target.id)
      .$call(customerVisible)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last)
      await notifyCustomers(
        ctx,
        trx,
        after,
        {
          code: last.message_code,
          kind: 'ticket-merged',
          headline: `Ticket #${source.number} "${source.title}" was a duplicate: we merged it into ticket #${target.number}. Its messages are now there.`,
          body: '',
        },
        now,
      );
    return after;
  });
}
