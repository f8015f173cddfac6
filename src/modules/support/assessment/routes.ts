import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyHeaders, idempotent, requestOf } from '../../../core/idempotency.js';
import { problems } from '../../../core/openapi.js';
import { asProfile, asStaff } from '../../../core/policy.js';
import { companyLicensesByKeys } from '../../licenses/index.js';
import { ticketForSupport } from '../../tickets/index.js';
import { ticketPlanFor } from '../plans.js';
import { servicePackPattern, setServicePackPattern } from './assessment-settings.js';
import { assessTicket } from './assess-ticket.js';
import { categoryInfo } from './cost.js';
import { agreeToAssessment, declineAssessment } from './decide-assessment.js';
import { assessmentPolicy as policy } from './policy.js';
import { priceAssessment } from './price-assessment.js';
import * as s from './schemas.js';
import { staffTicketSupportState, ticketSupportState } from './support-state.js';
import { maxPreAgreement, ticketSupport } from './ticket-support.js';

const tags = ['support: assessment'];
const staffTags = ['staff: support assessment'];

/** S-2…S-4: the customer's side of a ticket's assessment: see it, agree, decline. */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/support/ticket-plan', {
    config: { access: policy.ticketPlan },
    schema: {
      tags,
      summary:
        'The plan a new ticket about these licenses would be asked under (the new-ticket form offers the pre-agreement for credit and period plans)',
      querystring: s.ticketPlanQuery,
      response: { 200: s.ticketPlanSchema },
    },
    handler: async (req) => {
      const me = asProfile(req.auth.actor);
      const raw = req.query.licenses;
      const keys = [...new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).map((k) => k.trim().toUpperCase()))];
      const licenses = keys.length ? await companyLicensesByKeys(ctx.db, me.companyId, keys) : [];
      const plan = await ticketPlanFor(
        ctx.db,
        me.companyId,
        licenses.map((l) => l.id),
        ctx.clock.now(),
      );
      return { plan: plan.plan, until: plan.until?.toISOString() ?? null, maxPreAgreement };
    },
  });

  app.get('/tickets/:number/support', {
    config: { access: policy.customerState },
    schema: {
      tags,
      summary: "A ticket's support: plan, balance, the assessment waiting for you, history, charges (S-2…S-4)",
      params: s.ticketParams,
      response: { 200: s.supportStateSchema, ...problems(404) },
    },
    handler: async (req) =>
      ticketSupportState(ctx.db, req.params.number, ctx.clock.now(), asProfile(req.auth.actor).companyId),
  });

  app.post('/tickets/:number/assessments/:id/agree', {
    config: { access: policy.agree },
    schema: {
      tags,
      summary: 'Agree to an assessment: its credits are charged once (S-2)',
      params: s.assessmentParams,
      // 409: already decided, superseded, the ticket closed, or the balance does not cover it (insufficient-credits).
      response: { 200: s.supportStateSchema, ...problems(404, 409) },
    },
    handler: async (req) => {
      const me = asProfile(req.auth.actor);
      await agreeToAssessment(ctx.db, req.params.number, req.params.id, me, ctx.clock.now());
      return ticketSupportState(ctx.db, req.params.number, ctx.clock.now(), me.companyId);
    },
  });

  app.post('/tickets/:number/assessments/:id/decline', {
    config: { access: policy.decline },
    schema: {
      tags,
      summary: 'Decline an assessment: nothing is charged; the ticket is answered as category 1 allows (S-2)',
      params: s.assessmentParams,
      response: { 200: s.supportStateSchema, ...problems(404, 409) },
    },
    handler: async (req) => {
      const me = asProfile(req.auth.actor);
      await declineAssessment(ctx.db, req.params.number, req.params.id, me, ctx.clock.now());
      return ticketSupportState(ctx.db, req.params.number, ctx.clock.now(), me.companyId);
    },
  });
};

/** S-2…S-4: staff assess tickets and set the service-pack pattern. */
export const assessmentStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/staff/tickets/:number/support', {
    config: { access: policy.staffState },
    schema: {
      tags: staffTags,
      summary: "A ticket's support with the categories and the product's versions for assessing it (S-2…S-4)",
      params: s.ticketParams,
      response: { 200: s.staffSupportStateSchema, ...problems(404) },
    },
    handler: async (req) => staffTicketSupportState(ctx.db, req.params.number, ctx.clock.now()),
  });

  app.get('/staff/tickets/:number/assessment-quote', {
    config: { access: policy.staffQuote },
    schema: {
      tags: staffTags,
      summary: 'What an assessment would cost on this ticket, and whether its plan covers it (nothing is written)',
      params: s.ticketParams,
      querystring: s.quoteQuery,
      // 409: not due under the ticket's plan.
      response: { 200: s.quoteSchema, ...problems(404, 409) },
    },
    handler: async (req) => {
      const t = await ticketForSupport(ctx.db, req.params.number);
      const st = await ticketSupport(ctx.db, t, false);
      const p = await priceAssessment(ctx.db, t, st, req.query, ctx.clock.now());
      return {
        category: p.category,
        credits: p.credits,
        patchSteps: p.patchSteps,
        countedFrom: p.countedFrom,
        coveredBy: p.covered?.kind ?? null,
        allowanceUsedUp: p.allowanceUsedUp,
        needsAgreement: categoryInfo(p.category).needsAgreement,
      };
    },
  });

  app.post('/staff/tickets/:number/assessments', {
    config: { access: policy.staffAssess },
    schema: {
      tags: staffTags,
      summary:
        'Assess or re-assess a ticket: category (price for 3, versions for 5), note; charges, refunds or asks the customer (S-2)',
      params: s.ticketParams,
      body: s.assessBody,
      headers: idempotencyHeaders,
      // 409: the ticket is closed or merged, or the category is not due under its plan.
      response: { 201: s.staffSupportStateSchema, ...problems(404, 409) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, requestOf(ctx, { number: req.params.number, ...req.body }), async (tx) => {
        await assessTicket(tx.db, req.params.number, req.body, asStaff(req.auth.actor), tx.clock.now());
        return { status: 201, body: await staffTicketSupportState(tx.db, req.params.number, tx.clock.now()) };
      }),
  });

  app.get('/staff/support/assessment-settings', {
    config: { access: policy.settingsGet },
    schema: {
      tags: staffTags,
      summary: 'The pattern that marks service-pack releases (not counted as upgrade steps, S-2)',
      response: { 200: s.assessmentSettingsSchema },
    },
    handler: async () => ({ servicePackPattern: await servicePackPattern(ctx.db) }),
  });

  app.put('/staff/support/assessment-settings', {
    config: { access: policy.settingsPut },
    schema: {
      tags: staffTags,
      summary: 'Set the service-pack pattern (a case-insensitive regular expression matched against a version)',
      body: s.assessmentSettingsBody,
      response: { 200: s.assessmentSettingsSchema },
    },
    handler: async (req) => ({
      servicePackPattern: await setServicePackPattern(
        ctx.db,
        req.body.servicePackPattern,
        asStaff(req.auth.actor),
        ctx.clock.now(),
      ),
    }),
  });
};
