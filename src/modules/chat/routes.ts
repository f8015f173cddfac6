import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyHeaders, idempotent } from '../../core/idempotency.js';
import { problems } from '../../core/openapi.js';
import { profileHas, staffHas } from '../../core/permissions.js';
import { asProfile, asStaff } from '../../core/policy.js';
import { createChatBus, type ChatEvent } from './bus.js';
import { chatAvailability } from './chat-availability.js';
import { chatToTicket } from './chat-to-ticket.js';
import { endAgentChat, endCustomerChat } from './end-chat.js';
import { chatPolicy as policy } from './policy.js';
import { postAgentChatMessage, postCustomerChatMessage } from './post-chat-message.js';
import { presentMessage, presentSession } from './presenters.js';
import { findCustomerSession, findSession, listCustomerSessions, listStaffSessions, messagesAfter } from './queries.js';
import * as s from './schemas.js';
import { ChatSockets, checkSocketOrigin, credentialCheck, notAnUpgrade } from './sockets.js';
import { startChat } from './start-chat.js';
import { takeChat } from './take-chat.js';

const tags = ['chat'];
/** A socket path answers an upgrade with 101 Switching Protocols, never 200; the document needs a success status. */
const switching = z
  .never()
  .describe('Never sent: an upgrade is answered 101 Switching Protocols and the socket opens.');
const socketNote =
  ' Pushes JSON events only: {type:"ready"} once listening, then {type:"message"|"started"|"taken"|"ended"|"ticket", session, message?} or {type:"resync"} (fetch what you may have missed with GET …/messages?after=<seq>). A plain GET is 400. A cookie session must come with the Origin of this site.';

/**
 * S-4 live chat: the customer's and the agents' routes and their sockets. One bus per app server
 * (LISTEN/NOTIFY on PostgreSQL), closed with the app.
 */
export const chatRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const chatBus = createChatBus(ctx);
  const sockets = new ChatSockets(ctx, chatBus);
  app.addHook('onClose', () => sockets.close());
  // After the commit (the embedded database delivers here; PostgreSQL's NOTIFY went with the commit).
  const bus = { done: (events: ChatEvent[]) => chatBus.committed(events) };
  const me = (req: { auth: { actor: Parameters<typeof asProfile>[0] } }) => asProfile(req.auth.actor);
  const agent = (req: { auth: { actor: Parameters<typeof asStaff>[0] } }) => asStaff(req.auth.actor);

  // ---- the customer ------------------------------------------------------------------
  app.get('/chat/availability', {
    config: { access: policy.availability },
    schema: {
      tags,
      summary: 'Whether you may chat now: VIP support, support hours, your open chat (S-4, S-5)',
      response: { 200: s.availabilitySchema },
    },
    handler: async (req) => chatAvailability(ctx.db, me(req), ctx.clock.now()),
  });

  app.get('/chat/sessions', {
    config: { access: policy.list },
    schema: {
      tags,
      summary: 'Your chats, newest first (S-4)',
      querystring: s.customerListQuery,
      response: { 200: s.sessionPageSchema },
    },
    handler: async (req) => listCustomerSessions(ctx.db, me(req).id, req.query),
  });

  app.post('/chat/sessions', {
    config: { access: policy.start },
    schema: {
      tags,
      summary: 'Start a live chat (S-4: VIP companies, during support hours)',
      body: s.startBody,
      headers: idempotencyHeaders,
      // 403: the company has no VIP support; 409: outside support hours, or a chat of yours is open.
      response: { 201: s.sessionSchema, ...problems(409) },
    },
    handler: async (req, reply) => {
      const events: ChatEvent[] = [];
      const sent = await idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => {
        const r = await startChat(tx.db, me(req), { message: req.body.message }, tx.clock.now());
        events.push(...r.events);
        return { status: 201, body: presentSession(r.session) };
      });
      bus.done(events);
      return sent;
    },
  });

  app.get('/chat/sessions/:id', {
    config: { access: policy.get },
    schema: {
      tags,
      summary: 'One of your chats (S-4)',
      params: s.sessionParams,
      response: { 200: s.sessionSchema, ...problems(404) },
    },
    handler: async (req) => presentSession(await findCustomerSession(ctx.db, me(req).id, req.params.id)),
  });

  app.get('/chat/sessions/:id/messages', {
    config: { access: policy.messages },
    schema: {
      tags,
      summary: 'The messages of your chat after a seq, oldest first (S-4)',
      params: s.sessionParams,
      querystring: s.afterQuery,
      response: { 200: s.messagesSchema, ...problems(404) },
    },
    handler: async (req) => {
      const chat = await findCustomerSession(ctx.db, me(req).id, req.params.id);
      return messagesAfter(ctx.db, chat.id, req.query.after, req.query.limit);
    },
  });

  app.post('/chat/sessions/:id/messages', {
    config: { access: policy.post },
    schema: {
      tags,
      summary: 'Write in your chat (S-4)',
      params: s.sessionParams,
      body: s.messageBody,
      headers: idempotencyHeaders,
      // 403: VIP support has ended; 409: the chat has ended.
      response: { 201: s.postedSchema, ...problems(404, 409) },
    },
    handler: async (req, reply) => {
      const events: ChatEvent[] = [];
      const sent = await idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => {
        const r = await postCustomerChatMessage(tx.db, me(req), req.params.id, req.body.body, tx.clock.now());
        events.push(...r.events);
        return { status: 201, body: { session: presentSession(r.session), message: presentMessage(r.message) } };
      });
      bus.done(events);
      return sent;
    },
  });

  app.post('/chat/sessions/:id/end', {
    config: { access: policy.end },
    schema: {
      tags,
      summary: 'End your chat (S-4)',
      params: s.sessionParams,
      response: { 200: s.sessionSchema, ...problems(404, 409) },
    },
    handler: async (req) => {
      const r = await endCustomerChat(ctx.db, me(req), req.params.id, ctx.clock.now());
      bus.done(r.events);
      return presentSession(r.session);
    },
  });

  app.route({
    method: 'GET',
    url: '/chat/ws',
    config: { access: policy.socket },
    schema: {
      tags,
      summary: `Your chats' events, as a WebSocket (S-4).${socketNote}`,
      response: { 200: switching, ...problems(400) },
    },
    preHandler: async (req) => {
      if (req.ws) checkSocketOrigin(ctx, req);
    },
    handler: async () => notAnUpgrade(),
    wsHandler: async (socket, req) => {
      const profileId = me(req).id;
      const recheck = credentialCheck(ctx, req);
      await sockets.attach(socket, {
        kind: 'profile',
        profileId,
        stillAllowed: async () => {
          const a = await recheck();
          return a.kind === 'profile' && a.id === profileId && profileHas(a.role, 'tickets.use');
        },
      });
    },
  });

  // ---- the agents --------------------------------------------------------------------
  app.get('/staff/chat/sessions', {
    config: { access: policy.staffList },
    schema: {
      tags,
      summary: 'Waiting chats (oldest first), mine (taken by me) or ended (newest first) (S-4)',
      querystring: s.staffListQuery,
      response: { 200: s.sessionPageSchema },
    },
    handler: async (req) => listStaffSessions(ctx.db, agent(req).id, req.query),
  });

  app.get('/staff/chat/sessions/:id', {
    config: { access: policy.staffGet },
    schema: {
      tags,
      summary: 'A chat (S-4)',
      params: s.sessionParams,
      response: { 200: s.sessionSchema, ...problems(404) },
    },
    handler: async (req) => presentSession(await findSession(ctx.db, req.params.id)),
  });

  app.get('/staff/chat/sessions/:id/messages', {
    config: { access: policy.staffMessages },
    schema: {
      tags,
      summary: 'The messages of a chat after a seq, oldest first (S-4)',
      params: s.sessionParams,
      querystring: s.afterQuery,
      response: { 200: s.messagesSchema, ...problems(404) },
    },
    handler: async (req) => {
      const chat = await findSession(ctx.db, req.params.id);
      return messagesAfter(ctx.db, chat.id, req.query.after, req.query.limit);
    },
  });

  app.post('/staff/chat/sessions/:id/take', {
    config: { access: policy.staffTake },
    schema: {
      tags,
      summary: 'Take a waiting chat (S-4)',
      params: s.sessionParams,
      // 409: taken by another agent, or ended.
      response: { 200: s.sessionSchema, ...problems(404, 409) },
    },
    handler: async (req) => {
      const r = await takeChat(ctx.db, agent(req), req.params.id, ctx.clock.now());
      bus.done(r.events);
      return presentSession(r.session);
    },
  });

  app.post('/staff/chat/sessions/:id/messages', {
    config: { access: policy.staffPost },
    schema: {
      tags,
      summary: 'Answer in a chat you took (S-4)',
      params: s.sessionParams,
      body: s.messageBody,
      headers: idempotencyHeaders,
      // 409: not taken by you, or ended.
      response: { 201: s.postedSchema, ...problems(404, 409) },
    },
    handler: async (req, reply) => {
      const events: ChatEvent[] = [];
      const sent = await idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => {
        const r = await postAgentChatMessage(tx.db, agent(req), req.params.id, req.body.body, tx.clock.now());
        events.push(...r.events);
        return { status: 201, body: { session: presentSession(r.session), message: presentMessage(r.message) } };
      });
      bus.done(events);
      return sent;
    },
  });

  app.post('/staff/chat/sessions/:id/end', {
    config: { access: policy.staffEnd },
    schema: {
      tags,
      summary: 'End a chat (S-4)',
      params: s.sessionParams,
      response: { 200: s.sessionSchema, ...problems(404, 409) },
    },
    handler: async (req) => {
      const r = await endAgentChat(ctx.db, agent(req), req.params.id, ctx.clock.now());
      bus.done(r.events);
      return presentSession(r.session);
    },
  });

  app.post('/staff/chat/sessions/:id/ticket', {
    config: { access: policy.staffTicket },
    schema: {
      tags,
      summary: 'Turn a chat into a Tech support ticket of the customer, the transcript its first message (S-4)',
      params: s.sessionParams,
      headers: idempotencyHeaders,
      // 400: the company has no license for a tech question (T-4); 409: a ticket already, another agent's, no messages.
      response: { 201: s.ticketResultSchema, ...problems(404, 409) },
    },
    handler: async (req, reply) => {
      const events: ChatEvent[] = [];
      const sent = await idempotent(ctx, req, reply, { fingerprint: {} }, async (tx) => {
        const r = await chatToTicket(tx, agent(req), req.params.id);
        events.push(...r.events);
        return {
          status: 201,
          body: { session: presentSession(r.session), ticket: { number: Number(r.ticketNumber) } },
        };
      });
      bus.done(events);
      return sent;
    },
  });

  app.route({
    method: 'GET',
    url: '/staff/chat/ws',
    config: { access: policy.staffSocket },
    schema: {
      tags,
      summary: `Every chat's events, as a WebSocket (S-4).${socketNote}`,
      response: { 200: switching, ...problems(400) },
    },
    preHandler: async (req) => {
      if (req.ws) checkSocketOrigin(ctx, req);
    },
    handler: async () => notAnUpgrade(),
    wsHandler: async (socket, req) => {
      const staffId = agent(req).id;
      const recheck = credentialCheck(ctx, req);
      await sockets.attach(socket, {
        kind: 'staff',
        stillAllowed: async () => {
          const a = await recheck();
          return a.kind === 'staff' && a.id === staffId && staffHas(a.role, 'staff.tickets');
        },
      });
    },
  });
};
