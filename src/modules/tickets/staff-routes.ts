import { inTransaction } from '../../core/db/transaction.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../core/audit.js';
import { invalid, notFound } from '../../core/errors.js';
import { idempotencyHeaders, idempotent, requestOf } from '../../core/idempotency.js';
import { binary, downloadResponses, noContent, problems } from '../../core/openapi.js';
import { asStaff } from '../../core/policy.js';
import { sendStoredFile } from '../../core/storage/send.js';
import { searchTickets } from './list-tickets.js';
import { bulkChangeTickets } from './bulk-change.js';
import { countsFor, presentQueueItems, queueCounts, queueList } from './queue-views.js';
import { staffOverview } from './staff-overview.js';
import { presentStaffTickets } from './load-tickets.js';
import { ticketsPolicy as policy } from './policy.js';
import { mergeTickets, moveMessageToNewTicket } from './move-merge.js';
import { closedTicket, postStaffMessage } from './post-message.js';
import { findTicket } from './queries.js';
import { maxAttachments, readMessageBody, withFiles } from './read-body.js';
import * as s from './schemas.js';
import { staffChangeTicket } from './staff-change-ticket.js';
import { ticketConfigWith } from './ticket-config.js';
import { loadTimeline } from './timeline.js';
import { enabledStaffWithRoles } from '../staff/index.js';
import { staffPermissionMatrix } from '../../core/permissions.js';
import { ticketTimeSpent } from '../service-levels/index.js';

const tags = ['staff: tickets'];

export const ticketsStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const one = async (t: Awaited<ReturnType<typeof findTicket>>, db = ctx.db) =>
    (await presentStaffTickets(db, [t], ctx.config.ticketDays))[0] as z.infer<typeof s.staffTicketSchema>;

  app.get('/staff/tickets/queue', {
    config: { access: policy.staffQueue },
    schema: {
      tags,
      summary:
        'The queue, all departments or one: views with counts (open, unassigned, mine, waiting, solved), sorts, filters (T-11, T-16)',
      querystring: s.queueQuery,
      response: { 200: s.staffQueuePage },
    },
    handler: async (req) => {
      const q = req.query;
      const department = q.department || undefined;
      const departments = [
        ...(await ticketConfigWith(ctx.db, { departments: department ? [department] : [] })).departments.values(),
      ].map((d) => ({ key: d.key, name: d.name }));
      if (department && !departments.some((d) => d.key === department))
        throw invalid({ field: 'department', message: 'No such department.' });
      const me = asStaff(req.auth.actor).id;
      const view = q.view ?? (q.assignee === 'me' ? 'mine' : q.assignee === 'none' ? 'unassigned' : 'open');
      const now = ctx.clock.now();
      const [page, counts] = await Promise.all([
        queueList(ctx.db, { ...q, department, view, statuses: q.status, priorities: q.priority, meId: me, now }),
        queueCounts(ctx.db, me, now),
      ]);
      return {
        items: await presentQueueItems(ctx.db, page.rows, ctx.config.ticketDays),
        nextCursor: page.nextCursor,
        departments,
        counts: countsFor(counts, department),
      };
    },
  });

  app.post('/staff/tickets/bulk', {
    config: { access: policy.staffBulk },
    schema: {
      tags,
      summary:
        'Assign (to someone, to me, to nobody) and / or set the status of up to 100 tickets; per-ticket results (T-16)',
      body: s.bulkBody,
      response: { 200: s.bulkResultSchema, ...problems(400) },
    },
    handler: async (req) => {
      const results = await bulkChangeTickets(ctx, asStaff(req.auth.actor), req.body);
      const done = await presentStaffTickets(
        ctx.db,
        results.flatMap((r) => (r.ok ? [r.ticket] : [])),
        ctx.config.ticketDays,
      );
      const byNumber = new Map(done.map((t) => [t.number, t]));
      return {
        items: results.map((r) =>
          r.ok
            ? { number: r.number, ok: true, ticket: byNumber.get(r.number) }
            : { number: r.number, ok: false, code: r.code, detail: r.detail },
        ),
      };
    },
  });

  app.get('/staff/overview', {
    config: { access: policy.staffOverview },
    schema: {
      tags,
      summary:
        'The staff Overview: counts per department, oldest waiting, created / solved per day, CSAT trend, held mail',
      querystring: s.overviewQuery,
      response: { 200: s.overviewSchema, ...problems(400) },
    },
    handler: async (req) => {
      const timeZone = req.query.tz || 'UTC';
      return staffOverview(ctx.db, { meId: asStaff(req.auth.actor).id, now: ctx.clock.now(), timeZone }).catch(
        (err: unknown) => {
          // A zone the runtime knows but this PostgreSQL's tz database does not: the caller's input, not a 500.
          if ((err as { code?: string }).code === '22023')
            throw invalid({ field: 'tz', message: 'Not a time zone this server knows.' });
          throw err;
        },
      );
    },
  });

  app.get('/staff/tickets', {
    config: { access: policy.staffSearch },
    schema: {
      tags,
      summary: 'Find tickets by number, message ID or full text, across companies',
      querystring: s.staffSearchQuery,
      response: { 200: z.object({ items: z.array(s.staffTicketSchema) }) },
    },
    handler: async (req) => ({
      items: await presentStaffTickets(ctx.db, await searchTickets(ctx.db, req.query), ctx.config.ticketDays),
    }),
  });

  app.get('/staff/tickets/:number', {
    config: { access: policy.staffGet },
    schema: {
      tags,
      summary: 'One ticket with every message, internal notes included',
      params: s.numberParams,
      response: { 200: s.staffTicketDetail, ...problems(404) },
    },
    handler: async (req) => {
      const t = await findTicket(ctx.db, req.params.number);
      const spent = await ticketTimeSpent(ctx.db, t.id);
      return {
        ...(await one(t)),
        timeline: await loadTimeline(ctx.db, t.id, true),
        timeSpent: {
          totalMinutes: spent.totalMinutes,
          perMessage: [...spent.perMessage].map(([id, x]) => ({ id, minutes: x.minutes })),
        },
      };
    },
  });

  app.patch('/staff/tickets/:number', {
    config: { access: policy.staffChange },
    schema: {
      tags,
      summary: 'Set status, assign, change type or department, mark solved (T-7, T-16)',
      params: s.numberParams,
      body: s.staffChangeBody,
      // 409: a license log ticket, a merged one, or already (pre-)closed.
      response: { 200: s.staffTicketSchema, ...problems(404, 409) },
    },
    handler: async (req) => one(await staffChangeTicket(ctx, asStaff(req.auth.actor), req.params.number, req.body)),
  });

  app.post('/staff/tickets/:number/messages', {
    config: { access: policy.staffPost },
    schema: {
      tags,
      summary: 'Answer the customer, or add an internal note (internal: true)',
      params: s.numberParams,
      // With attachments the body is multipart and read by readMessageBody: only a JSON body is validated here.
      body: { content: { 'application/json': { schema: s.staffMessageBody } } },
      multipart: s.staffMessageBody.extend({
        files: z.array(binary).max(maxAttachments).optional().describe('The attachments (F-6 limits).'),
      }),
      headers: idempotencyHeaders,
      // 409: an answer to a closed ticket (an internal note is fine).
      response: { 201: z.object({ ticket: s.staffTicketSchema, messageId: z.string() }), ...problems(404, 409) },
    },
    handler: async (req, reply) => {
      // An answer to a closed ticket is refused before the attachments' bytes are accepted.
      const { data, files } = await readMessageBody(ctx, req, s.staffMessageBody, async (fields) => {
        const t = await findTicket(ctx.db, req.params.number);
        if (t.status === 'closed' && !fields.internal) throw closedTicket();
      });
      return withFiles(ctx, files, () =>
        idempotent(ctx, req, reply, requestOf(ctx, data, files), async (tx) => {
          const r = await postStaffMessage(tx, asStaff(req.auth.actor), req.params.number, data, files);
          return { status: 201, body: { ticket: await one(r.ticket, tx.db), messageId: r.message.message_code } };
        }),
      );
    },
  });

  app.post('/staff/tickets/:number/messages/:code/move', {
    config: { access: policy.staffMove },
    schema: {
      tags,
      summary: 'Move a message that raises a new matter into a new ticket; the customer is told (T-6)',
      params: s.moveParams,
      body: s.moveBody,
      headers: idempotencyHeaders,
      // 422: a license log's message, an internal note, or the ticket's only message.
      response: { 201: s.staffTicketSchema, ...problems(404, 422) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => {
        const actor = asStaff(req.auth.actor);
        const t = await moveMessageToNewTicket(tx, actor, req.params.number, req.params.code, req.body);
        return { status: 201, body: await one(t, tx.db) };
      }),
  });

  app.post('/staff/tickets/:number/merge', {
    config: { access: policy.staffMerge },
    schema: {
      tags,
      summary: 'Merge this duplicate into another ticket of the same company (T-6)',
      params: s.numberParams,
      body: s.mergeBody,
      response: { 200: s.staffTicketSchema, ...problems(404, 409) },
    },
    handler: async (req) => one(await mergeTickets(ctx, asStaff(req.auth.actor), req.params.number, req.body)),
  });

  app.get('/staff/tickets/:number/attachments/:id', {
    config: { access: policy.staffAttachment },
    schema: {
      tags,
      summary: 'Download an attachment',
      params: s.attachmentParams,
      response: downloadResponses('The attachment'),
    },
    handler: async (req, reply) => {
      const t = await findTicket(ctx.db, req.params.number);
      const a = await ctx.db
        .selectFrom('ticket_attachments')
        .selectAll()
        .where('id', '=', req.params.id)
        .where('ticket_id', '=', t.id)
        .executeTakeFirst();
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

  app.get('/staff/agents', {
    config: { access: policy.staffAgents },
    schema: {
      tags,
      summary: 'Staff users who can own tickets',
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })) }) },
    },
    handler: async () => ({
      items: await enabledStaffWithRoles(ctx.db, staffPermissionMatrix['staff.tickets'], 500),
    }),
  });

  app.get('/staff/canned-replies', {
    config: { access: policy.cannedList },
    schema: {
      tags,
      summary: 'Canned replies (T-16)',
      querystring: z.strictObject({ department: z.string().max(40).optional() }),
      response: { 200: z.object({ items: z.array(s.cannedSchema) }) },
    },
    handler: async (req) => {
      let q = ctx.db.selectFrom('canned_replies').select(['id', 'department_key', 'title', 'body']);
      if (req.query.department)
        q = q.where((eb) =>
          eb.or([eb('department_key', '=', req.query.department ?? ''), eb('department_key', 'is', null)]),
        );
      const rows = await q.orderBy('title').limit(500).execute();
      return { items: rows.map((r) => ({ id: r.id, department: r.department_key, title: r.title, body: r.body })) };
    },
  });

  app.post('/staff/canned-replies', {
    config: { access: policy.cannedCreate },
    schema: {
      tags,
      summary: 'Add a canned reply',
      body: s.cannedBody,
      headers: idempotencyHeaders,
      response: { 201: s.cannedSchema },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => {
        const actor = asStaff(req.auth.actor);
        const now = ctx.clock.now();
        if (req.body.department) {
          const d = await tx.db
            .selectFrom('departments')
            .select('key')
            .where('key', '=', req.body.department)
            .executeTakeFirst();
          if (!d) throw invalid({ field: 'department', message: 'No such department.' });
        }
        const r = await inTransaction(tx.db, async (trx) => {
          const row = await trx
            .insertInto('canned_replies')
            .values({
              // An empty department is none: the reply is offered to every department.
              department_key: req.body.department || null,
              title: req.body.title,
              body: req.body.body,
              created_by: actor.id,
              created_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await recordAudit(trx, {
            actor,
            action: 'canned-reply.created',
            entity: 'canned_reply',
            entityId: row.id,
            after: { title: row.title },
            at: now,
          });
          return row;
        });
        return { status: 201, body: { id: r.id, department: r.department_key, title: r.title, body: r.body } };
      }),
  });

  app.delete('/staff/canned-replies/:id', {
    config: { access: policy.cannedDelete },
    schema: {
      tags,
      summary: 'Remove a canned reply',
      params: z.strictObject({ id: z.uuid('Not a valid id.') }),
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      const r = await ctx.db.deleteFrom('canned_replies').where('id', '=', req.params.id).executeTakeFirst();
      if (!Number(r.numDeletedRows)) throw notFound('This canned reply');
      return reply.code(204).send(null);
    },
  });
};
