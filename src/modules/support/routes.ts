import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asProfile } from '../../core/policy.js';
import { loadSupportCalendar } from './calendar.js';
import { companySupport, creditHistory } from './company-support.js';
import { planCoverage } from './coverage.js';
import { buyCreditsHint, lowBalanceCredits } from './hints.js';
import { supportHoursView } from './hours.js';
import { supportSettings } from './plans.js';
import { supportPolicy as policy } from './policy.js';
import * as s from './schemas.js';

const tags = ['support'];

/** The customer's Support section: plans, credits, what each plan covers, the support hours (S-1…S-5). */
export const supportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/support', {
    config: { access: policy.overview },
    schema: {
      tags,
      summary: "Your company's support: each license's plan, the credit balance, what plans cover, the support hours",
      querystring: s.overviewQuery,
      response: { 200: s.overviewSchema },
    },
    handler: async (req) => {
      const me = asProfile(req.auth.actor);
      const now = ctx.clock.now();
      const support = await companySupport(ctx.db, me.companyId, now);
      const settings = await supportSettings(ctx.db);
      const calendar = await loadSupportCalendar(ctx.db);
      const low = support.balance < lowBalanceCredits;
      return {
        ...support,
        lowBalance: low,
        buyCredits: low ? buyCreditsHint() : null,
        coverage: planCoverage(settings.vip_modifications_per_month),
        supportHours: supportHoursView(calendar, req.query.timeZone, now),
      };
    },
  });

  app.get('/support/credits', {
    config: { access: policy.credits },
    schema: {
      tags,
      summary: "Your company's credit history, newest first (S-2)",
      querystring: s.creditsQuery,
      response: { 200: s.creditPage },
    },
    handler: async (req) => creditHistory(ctx.db, asProfile(req.auth.actor).companyId, req.query),
  });
};
