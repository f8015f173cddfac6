import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { noContent, problems } from '../../core/openapi.js';
import { asProfile, asStaff } from '../../core/policy.js';
import { eraseAccessInfo, getCustomerAccessInfo, saveAccessInfo } from './customer-access-info.js';
import { accessInfoPolicy as policy } from './policy.js';
import * as s from './schemas.js';
import { getStaffAccessInfo, revealAccessInfo } from './staff-access-info.js';

const tags = ['access-info'];

/** T-18: the customer's Access info tab of a ticket, and the staff panel with its audited reveal. */
export const accessInfoRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/tickets/:number/access-info', {
    config: { access: policy.get },
    schema: {
      tags,
      summary: 'The access info left on a ticket: host and protocol, and whether secrets were saved (T-18)',
      params: s.numberParams,
      response: { 200: s.customerAccessInfo, ...problems(404) },
    },
    handler: async (req) => getCustomerAccessInfo(ctx, asProfile(req.auth.actor), req.params.number),
  });

  app.put('/tickets/:number/access-info', {
    config: { access: policy.put },
    schema: {
      tags,
      summary:
        'Leave (or replace) server access details for the engineers, stored encrypted, while the ticket is not Closed (T-18)',
      params: s.numberParams,
      body: s.accessInfoBody,
      // 409: the ticket is Closed; 422: the server has no key (CLIENTELE_ACCESS_INFO_KEY).
      response: { 200: s.customerAccessInfo, ...problems(404, 409, 422) },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return saveAccessInfo(ctx, asProfile(req.auth.actor), req.params.number, req.body);
    },
  });

  app.delete('/tickets/:number/access-info', {
    config: { access: policy.erase },
    schema: {
      tags,
      summary: 'Erase the access info of a ticket, at any time (T-18)',
      params: s.numberParams,
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      await eraseAccessInfo(ctx, asProfile(req.auth.actor), req.params.number);
      return reply.code(204).send(null);
    },
  });

  app.get('/staff/tickets/:number/access-info', {
    config: { access: policy.staffGet },
    schema: {
      tags,
      summary: 'Whether access info was left on a ticket and whether you may reveal it; none of its content (T-18)',
      params: s.numberParams,
      response: { 200: s.staffAccessInfo, ...problems(404) },
    },
    handler: async (req) => getStaffAccessInfo(ctx, asStaff(req.auth.actor), req.params.number),
  });

  app.post('/staff/tickets/:number/access-info/reveal', {
    config: { access: policy.staffReveal },
    schema: {
      tags,
      summary:
        "Show the ticket's access info, decrypted: only to its assignee and its department's head; every view is audited (T-18)",
      params: s.numberParams,
      // 403: not working the ticket; 404: none held; 409: it fails its integrity check; 422: no key.
      response: { 200: s.revealedAccessInfo, ...problems(404, 409, 422) },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return revealAccessInfo(ctx, asStaff(req.auth.actor), req.params.number);
    },
  });
};
