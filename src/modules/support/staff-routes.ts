import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { BusinessCalendarSettings } from '../../core/business-calendar.js';
import { notFound } from '../../core/errors.js';
import { idempotencyHeaders, idempotent } from '../../core/idempotency.js';
import { problems } from '../../core/openapi.js';
import { asStaff } from '../../core/policy.js';
import { findCompany } from '../accounts/index.js';
import { loadSupportCalendar, saveSupportCalendar } from './calendar.js';
import { companySupport, creditHistory } from './company-support.js';
import { supportHoursView } from './hours.js';
import { supportPolicy as policy } from './policy.js';
import { postStaffCredits } from './post-staff-credits.js';
import * as s from './schemas.js';
import { setLicenseSupport } from './set-license-support.js';
import { loadSupportSettings, saveSupportDefaults, setProductTerms } from './support-settings.js';

const tags = ['staff: support'];

/** Staff: a company's support, credits, license plans, the defaults and the support hours (S-1…S-5). */
export const supportStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/staff/companies/:id/support', {
    config: { access: policy.staffCompany },
    schema: {
      tags,
      summary: "A company's license plans, credit balance and credit history (paged by cursor)",
      params: s.companyParams,
      querystring: s.creditsQuery,
      response: { 200: s.staffCompanySupport, ...problems(404) },
    },
    handler: async (req) => {
      if (!(await findCompany(ctx.db, req.params.id))) throw notFound('This company');
      const support = await companySupport(ctx.db, req.params.id, ctx.clock.now());
      return { companyId: req.params.id, ...support, credits: await creditHistory(ctx.db, req.params.id, req.query) };
    },
  });

  app.post('/staff/companies/:id/support/credits', {
    config: { access: policy.staffPostCredits },
    schema: {
      tags,
      summary: 'Grant a company credits or adjust its balance (S-2); never below zero',
      params: s.companyParams,
      body: s.postCreditsBody,
      headers: idempotencyHeaders,
      // 409: an adjustment would take the balance below zero (insufficient-credits); nothing is written.
      response: { 201: s.postedCredits, ...problems(404, 409) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: { id: req.params.id, ...req.body } }, async (tx) => ({
        status: 201,
        body: await postStaffCredits(tx.db, asStaff(req.auth.actor), req.params.id, req.body, ctx.clock.now()),
      })),
  });

  app.patch('/staff/licenses/:key/support', {
    config: { access: policy.staffSetLicense },
    schema: {
      tags,
      summary: "Set a license's free period end or VIP care until, or grant a license issued before plans its plan",
      params: s.keyParams,
      body: s.setLicenseSupportBody,
      response: { 200: s.licensePlanSchema, ...problems(404) },
    },
    handler: async (req) =>
      setLicenseSupport(ctx.db, asStaff(req.auth.actor), req.params.key, req.body, ctx.clock.now()),
  });

  app.get('/staff/support/settings', {
    config: { access: policy.staffSettings },
    schema: {
      tags,
      summary: 'Credit defaults, VIP numbers and the support terms of every product',
      response: { 200: s.settingsSchema },
    },
    handler: async () => loadSupportSettings(ctx.db),
  });

  app.put('/staff/support/settings', {
    config: { access: policy.staffSaveSettings },
    schema: {
      tags,
      summary: 'Replace the credit defaults and VIP numbers (licenses issued from now on use them)',
      body: s.settingsDefaults,
      response: { 200: s.settingsSchema },
    },
    handler: async (req) => saveSupportDefaults(ctx.db, asStaff(req.auth.actor), req.body, ctx.clock.now()),
  });

  app.put('/staff/support/products/:productId', {
    config: { access: policy.staffSetProductTerms },
    schema: {
      tags,
      summary: "Set what a product's licenses come with: credits, a free period of N days, or VIP care",
      params: s.productParams,
      body: s.productTermsBody,
      response: { 200: s.productTermsSchema, ...problems(404) },
    },
    handler: async (req) =>
      setProductTerms(ctx.db, asStaff(req.auth.actor), req.params.productId, req.body, ctx.clock.now()),
  });

  const calendarAnswer = async (viewerZone: string | undefined) => {
    const row = await ctx.db
      .selectFrom('support_calendar')
      .select('updated_at')
      .where('id', '=', true)
      .executeTakeFirstOrThrow();
    const calendar = await loadSupportCalendar(ctx.db);
    return {
      settings: calendar.settings as unknown as typeof s.calendarBody._output,
      supportHours: supportHoursView(calendar, viewerZone, ctx.clock.now()),
      updatedAt: row.updated_at.toISOString(),
    };
  };

  app.get('/staff/support/calendar', {
    config: { access: policy.staffCalendar },
    schema: {
      tags,
      summary: 'The support hours (S-5): time zone, working hours per weekday, holidays',
      querystring: s.overviewQuery,
      response: { 200: s.calendarSchema },
    },
    handler: async (req) => calendarAnswer(req.query.timeZone),
  });

  app.put('/staff/support/calendar', {
    config: { access: policy.staffSaveCalendar },
    schema: {
      tags,
      summary: 'Replace the support hours; overlapping or invalid hours and unknown zones are field errors',
      querystring: s.overviewQuery,
      body: s.calendarBody,
      response: { 200: s.calendarSchema },
    },
    handler: async (req) => {
      await saveSupportCalendar(ctx.db, req.body as BusinessCalendarSettings, asStaff(req.auth.actor), ctx.clock.now());
      return calendarAnswer(req.query.timeZone);
    },
  });
};
