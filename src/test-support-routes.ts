import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OffsetClock } from './core/clock.js';
import { AppError } from './core/errors.js';
import { problems } from './core/openapi.js';
import { access } from './core/policy.js';
import { closePreClosedTickets, preCloseSilentTickets } from './modules/tickets/automation.js';

/**
 * Only with CLIENTELE_TEST_CLOCK=true (end-to-end tests of a running server): an admin moves the
 * server's clock forward and runs the time-based jobs at once, instead of waiting days.
 */
export const testSupportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const clock = ctx.clock;
  if (!(clock instanceof OffsetClock)) throw new Error('CLIENTELE_TEST_CLOCK needs the offset clock');
  const jobs: Record<string, () => Promise<unknown>> = {
    'tickets-pre-close': () => preCloseSilentTickets(ctx),
    'tickets-close': () => closePreClosedTickets(ctx),
  };
  app.post('/test/clock', {
    config: { access: access.staff('staff.users') },
    schema: {
      tags: ['test support'],
      summary: 'Move the clock forward (test servers only)',
      body: z.strictObject({ minutes: z.number().int().min(0).max(525_600) }),
      response: { 200: z.object({ now: z.string() }) },
    },
    handler: async (req) => {
      clock.advance(req.body.minutes * 60_000);
      return { now: clock.now().toISOString() };
    },
  });
  app.post('/test/jobs/:name', {
    config: { access: access.staff('staff.users') },
    schema: {
      tags: ['test support'],
      summary: 'Run a time-based job now (test servers only)',
      params: z.strictObject({ name: z.string().max(40) }),
      response: { 200: z.object({ changed: z.unknown() }), ...problems(404) },
    },
    handler: async (req) => {
      const job = jobs[req.params.name];
      if (!job) throw new AppError('not-found', `No job ${req.params.name}.`);
      return { changed: await job() };
    },
  });
};
