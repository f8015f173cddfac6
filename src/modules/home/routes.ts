import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asProfile } from '../../core/policy.js';
import { customerHome } from './customer-home.js';
import { homePolicy as policy } from './policy.js';
import { homeSummary } from './schemas.js';

export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  app.get('/home', {
    config: { access: policy.summary },
    schema: {
      tags: ['home'],
      summary:
        'Your home page at a glance: open tickets, tickets awaiting your reply, licenses needing action, new releases and security patches',
      response: { 200: homeSummary },
    },
    handler: async (req) => customerHome(ctx.db, asProfile(req.auth.actor), ctx.clock.now()),
  });
};
