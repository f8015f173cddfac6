import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { idempotencyHeaders, idempotent, requestOf } from '../../core/idempotency.js';
import { binary, downloadResponses, problems } from '../../core/openapi.js';
import { asProfile } from '../../core/policy.js';
import { sendStoredFile } from '../../core/storage/send.js';
import { changeTicket, hotrushDisableLimit } from './change-ticket.js';
import type { BusinessCalendar } from '../../core/business-calendar.js';
import { loadSupportCalendar } from '../support/index.js';
import { hotrushDisablesUsed } from './hotrush.js';
import { checkTicketFields, openTicket } from './create-ticket.js';
import { listCompanyTickets } from './list-tickets.js';
import { awaitsCustomerReply, customerTicketCounts } from './customer-views.js';
import { presentTickets } from './load-tickets.js';
import { presentTicket } from './presenters.js';
import { canCustomerPost, ticketsPolicy as policy } from './policy.js';
import { closedTicket, postCustomerMessage } from './post-message.js';
import { findCompanyTicket, findCustomerAttachment } from './queries.js';
import { rateTicket } from './rate-ticket.js';
import { maxAttachments, readMessageBody, withFiles } from './read-body.js';
import * as s from './schemas.js';
import { loadTimeline } from './timeline.js';

const tags = ['tickets'];
const multipartNote =
  ' JSON, or multipart/form-data with the same fields first and then the files in "files" (F-6 limits); the fields are checked before any file is accepted.';
// With attachments the body is multipart and read by readMessageBody: only a JSON body is validated here.
const attachmentParts = z.array(binary).max(maxAttachments).optional().describe('The attachments (F-6 limits).');

/** S-5: the support hours staff set (support module) on the desk's clock and, for a valid zone, on the viewer's (an unknown zone: null). */
function supportHoursFor(supportCalendar: BusinessCalendar, viewerTimeZone: string | undefined, now: Date) {
  const { timeZone } = supportCalendar.settings;
  let inViewerZone = null;
  try {
    if (viewerTimeZone) inViewerZone = supportCalendar.weeklyHoursIn(viewerTimeZone, now);
  } catch {
    inViewerZone = null;
  }
  return {
    timeZone,
    hours: supportCalendar.weeklyHoursIn(timeZone, now),
    viewerTimeZone: inViewerZone ? (viewerTimeZone ?? null) : null,
    inViewerZone,
  };
}

export const ticketsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const me = (req: { auth: { actor: Parameters<typeof asProfile>[0] } }) => asProfile(req.auth.actor);
  const one = async (t: Awaited<ReturnType<typeof findCompanyTicket>>, db = ctx.db) =>
    (await presentTickets(db, [t], ctx.config.ticketDays))[0] as z.infer<typeof s.ticketSchema>;

  app.get('/tickets/options', {
    config: { access: policy.options },
    schema: {
      tags,
      summary: 'Ticket types, priorities, attachment limits and support hours for the new-ticket form (T-2, T-4, S-5)',
      querystring: s.optionsQuery,
      response: { 200: s.optionsSchema },
    },
    handler: async (req) => {
      const types = await ctx.db
        .selectFrom('ticket_types')
        .selectAll()
        .where('system', '=', false)
        .orderBy('position')
        .execute();
      return {
        types: types.map((t) => ({
          key: t.key,
          name: t.name,
          needsLicense: t.needs_license,
          hotrushAllowed: t.hotrush_allowed,
        })),
        priorities: [...s.priorities],
        maxFileBytes: ctx.config.fileMaxBytes,
        maxFiles: maxAttachments,
        supportHours: supportHoursFor(await loadSupportCalendar(ctx.db), req.query.timeZone, ctx.clock.now()),
      };
    },
  });

  app.get('/tickets', {
    config: { access: policy.list },
    schema: {
      tags,
      summary: "Communication index: your company's tickets, newest activity first (T-14)",
      querystring: s.listQuery,
      response: { 200: s.ticketPage },
    },
    handler: async (req) => {
      const q = req.query;
      const page = await listCompanyTickets(ctx.db, me(req).companyId, { ...q, hideClosed: q.hideClosed === 'true' });
      const items = await presentTickets(ctx.db, page.rows, ctx.config.ticketDays);
      const withAwaiting = items.map((t, i) => ({
        ...t,
        awaitingReply: awaitsCustomerReply(page.rows[i] as (typeof page.rows)[number]),
      }));
      return { items: withAwaiting, nextCursor: page.nextCursor };
    },
  });

  app.get('/tickets/counts', {
    config: { access: policy.list },
    schema: {
      tags,
      summary: 'How many of your tickets are open, awaiting your reply, and solved (closing by themselves)',
      response: { 200: s.ticketCounts },
    },
    handler: async (req) => customerTicketCounts(ctx.db, me(req).companyId),
  });

  app.post('/tickets', {
    config: { access: policy.create },
    schema: {
      tags,
      summary: `Open a ticket (T-4).${multipartNote}`,
      body: { content: { 'application/json': { schema: s.createBody } } },
      multipart: s.createBody.extend({ files: attachmentParts }),
      headers: idempotencyHeaders,
      response: { 201: s.ticketSchema },
    },
    handler: async (req, reply) => {
      // The fields (the license above all) are checked before the attachments' bytes are accepted.
      const { data, files } = await readMessageBody(ctx, req, s.createBody, async (fields) => {
        await checkTicketFields(ctx, me(req), fields);
      });
      return withFiles(ctx, files, () =>
        idempotent(ctx, req, reply, requestOf(ctx, data, files), async (tx) => {
          const { ticket, extras } = await openTicket(tx, me(req), data, files);
          return { status: 201, body: presentTicket(ticket, extras, ctx.config.ticketDays) };
        }),
      );
    },
  });

  app.get('/tickets/:number', {
    config: { access: policy.get },
    schema: {
      tags,
      summary: 'One ticket with its timeline of messages and status events (T-3, T-5)',
      params: s.numberParams,
      response: { 200: s.ticketDetail, ...problems(404) },
    },
    handler: async (req) => {
      const actor = me(req);
      const t = await findCompanyTicket(ctx.db, actor.companyId, req.params.number);
      const [timeline, used] = await Promise.all([
        loadTimeline(ctx.db, t.id, false),
        hotrushDisablesUsed(ctx.db, actor.companyId),
      ]);
      return {
        ...(await one(t)),
        awaitingReply: awaitsCustomerReply(t),
        timeline,
        hotrushDisablesLeft: Math.max(0, hotrushDisableLimit - used),
        expectedAnswerBy: t.due_at?.toISOString() ?? null,
      };
    },
  });

  app.patch('/tickets/:number', {
    config: { access: policy.change },
    schema: {
      tags,
      summary: 'Close, re-open, change priority or HotRush (T-7, T-10, T-12)',
      params: s.numberParams,
      body: s.changeBody,
      // 403: a license log ticket; 409: not in a state for this change, or merged; 422: HotRush-off limit used.
      response: { 200: s.ticketSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) => one(await changeTicket(ctx, me(req), req.params.number, req.body)),
  });

  app.post('/tickets/:number/messages', {
    config: { access: policy.post },
    schema: {
      tags,
      summary: `Post a message (T-6).${multipartNote}`,
      params: s.numberParams,
      body: { content: { 'application/json': { schema: s.messageBody } } },
      multipart: s.messageBody.extend({ files: attachmentParts }),
      headers: idempotencyHeaders,
      // 403: a license log ticket; 409: the ticket is closed.
      response: { 201: s.postedSchema, ...problems(404, 409) },
    },
    handler: async (req, reply) => {
      // A closed or another company's ticket is refused before the attachments' bytes are accepted.
      const { data, files } = await readMessageBody(ctx, req, s.messageBody, async () => {
        const t = await findCompanyTicket(ctx.db, me(req).companyId, req.params.number);
        if (!canCustomerPost(t)) throw closedTicket();
      });
      return withFiles(ctx, files, () =>
        idempotent(ctx, req, reply, requestOf(ctx, data, files), async (tx) => {
          const r = await postCustomerMessage(tx, me(req), req.params.number, { body: data.body }, files);
          return { status: 201, body: { ticket: await one(r.ticket, tx.db), messageId: r.message.message_code } };
        }),
      );
    },
  });

  app.post('/tickets/:number/rating', {
    config: { access: policy.rate },
    schema: {
      tags,
      summary: 'Rate a closed ticket 1–5 with a comment (T-13)',
      params: s.numberParams,
      body: s.rateBody,
      response: { 200: s.ticketSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) => one(await rateTicket(ctx, me(req), req.params.number, req.body)),
  });

  app.get('/tickets/:number/attachments/:id', {
    config: { access: policy.attachment },
    schema: {
      tags,
      summary: "Download an attachment of your company's ticket (F-3, F-6)",
      params: s.attachmentParams,
      response: downloadResponses('The attachment'),
    },
    handler: async (req, reply) => {
      const t = await findCompanyTicket(ctx.db, me(req).companyId, req.params.number);
      const a = await findCustomerAttachment(ctx.db, t.id, req.params.id);
      if (!a) throw notFound('This attachment');
      return sendStoredFile(
        reply,
        ctx.storage,
        { key: a.storage_key, name: a.name, mediaType: a.media_type, size: Number(a.size), sha256: a.sha256 },
        req.headers.range,
        req.headers['if-none-match'],
      );
    },
  });
};
