import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../../core/audit.js';
import { AppError, notFound } from '../../../core/errors.js';
import { problems } from '../../../core/openapi.js';
import { decodeCursor, pageQuery, toPage } from '../../../core/pagination.js';
import { asStaff } from '../../../core/policy.js';
import { ticketsPolicy as policy } from '../policy.js';
import { describeChecks, type InboundChecks } from './attribute-inbound.js';
import { processInbound } from './process-inbound.js';

const tags = ['staff: inbound mail'];
// 'held' is the review queue; a redelivery of a message already received is 'duplicate', not in it.
const states = ['received', 'processing', 'posted', 'opened', 'held', 'discarded', 'duplicate'] as const;
const summary = z.object({
  id: z.string(),
  receivedAt: z.string(),
  via: z.string(),
  state: z.enum(states),
  reason: z.string(),
  // What the decision rested on: SPF / DKIM / DMARC, the envelope sender, the reply address token.
  checks: z.string(),
  from: z.string(),
  subject: z.string(),
  size: z.number(),
  ticketNumber: z.number().nullable(),
});
const idParams = z.strictObject({ id: z.uuid('Not a valid id.') });

/** E-2: inbound mail for staff review: what was held and why; discard it or run it again. */
export const inboundMailRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const list = (state?: (typeof states)[number], id?: string, page?: { limit: number; cursor?: string }) => {
    let q = ctx.db
      .selectFrom('inbound_mail as i')
      .leftJoin('tickets as t', 't.id', 'i.ticket_id')
      .select([
        'i.id',
        'i.received_at',
        'i.via',
        'i.state',
        'i.reason',
        'i.checks',
        'i.from_address',
        'i.subject',
        'i.size',
        't.number',
      ]);
    if (state) q = q.where('i.state', '=', state);
    if (id) q = q.where('i.id', '=', id);
    if (page?.cursor) {
      const [at, last] = decodeCursor(page.cursor, ['time', 'uuid']) as [string, string];
      q = q.where(sql<boolean>`(i.received_at, i.id) < (${new Date(at)}::timestamptz, ${last}::uuid)`);
    }
    return q
      .orderBy('i.received_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit((page?.limit ?? 1) + 1)
      .execute();
  };
  const present = (r: Awaited<ReturnType<typeof list>>[number]) => ({
    id: r.id,
    receivedAt: r.received_at.toISOString(),
    via: r.via,
    state: r.state,
    reason: r.reason,
    checks: describeChecks(r.checks as InboundChecks | null),
    from: r.from_address,
    subject: r.subject,
    size: r.size,
    ticketNumber: r.number ? Number(r.number) : null,
  });

  app.get('/staff/inbound-mail', {
    config: { access: policy.inboundList },
    schema: {
      tags,
      summary: 'Inbound mail, newest first, keyset-paged (state=held: waiting for review)',
      querystring: z.strictObject({ state: z.enum(states).optional(), ...pageQuery }),
      response: { 200: z.object({ items: z.array(summary), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      const { state, limit, cursor } = req.query;
      return toPage(await list(state, undefined, { limit, cursor }), limit, present, (r) => [
        r.received_at.toISOString(),
        r.id,
      ]);
    },
  });

  app.get('/staff/inbound-mail/:id', {
    config: { access: policy.inboundGet },
    schema: {
      tags,
      summary: 'One inbound message with the start of its raw source',
      params: idParams,
      response: { 200: summary.extend({ source: z.string() }), ...problems(404) },
    },
    handler: async (req) => {
      const [row] = await list(undefined, req.params.id);
      if (!row) throw notFound('This message');
      const raw = await ctx.db
        .selectFrom('inbound_mail')
        .select('raw')
        .where('id', '=', req.params.id)
        .executeTakeFirstOrThrow();
      return { ...present(row), source: raw.raw.subarray(0, 64 * 1024).toString('utf8') };
    },
  });

  app.post('/staff/inbound-mail/:id/:action', {
    config: { access: policy.inboundAct },
    schema: {
      tags,
      summary: 'Discard a held message, or run it again (after adding the sender, say)',
      params: idParams.extend({ action: z.enum(['discard', 'retry']) }),
      // 409: only a held message can be discarded or run again.
      response: { 200: summary, ...problems(404, 409) },
    },
    handler: async (req) => {
      const actor = asStaff(req.auth.actor);
      const now = ctx.clock.now();
      const r = await ctx.db
        .updateTable('inbound_mail')
        .set(req.params.action === 'discard' ? { state: 'discarded', processed_at: now } : { state: 'received' })
        .where('id', '=', req.params.id)
        .where('state', '=', 'held')
        .returning('id')
        .executeTakeFirst();
      if (!r) {
        const exists = await ctx.db
          .selectFrom('inbound_mail')
          .select('state')
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!exists) throw notFound('This message');
        throw new AppError('conflict', `Only a held message can be changed; this one is ${exists.state}.`);
      }
      await recordAudit(ctx.db, {
        actor,
        action: `inbound-mail.${req.params.action}`,
        entity: 'inbound_mail',
        entityId: r.id,
        at: now,
      });
      if (req.params.action === 'retry') await processInbound(ctx, r.id);
      const [row] = await list(undefined, r.id);
      if (!row) throw notFound('This message');
      return present(row);
    },
  });
};
