import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileResponse, problems } from '../../core/openapi.js';
import { asStaff } from '../../core/policy.js';
import { serviceLevelsPolicy as policy } from './policy.js';
import { reportCsv, supportReport } from './report.js';
import * as s from './schemas.js';
import { presentSlaSettings, saveSlaSettings } from './settings.js';
import { slaSettings } from './targets.js';

const tags = ['staff: service levels'];

export const serviceLevelsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/staff/support/sla', {
    config: { access: policy.getSettings },
    schema: {
      tags,
      summary: 'The SLA response targets in business minutes and the warning lead (S-4, S-5, S-6, T-10, T-12)',
      response: { 200: s.slaSettingsSchema },
    },
    handler: async () => presentSlaSettings(await slaSettings(ctx.db)),
  });

  app.put('/staff/support/sla', {
    config: { access: policy.saveSettings },
    schema: {
      tags,
      summary: 'Set the SLA targets and the warning lead; running dues follow at their next change',
      body: s.slaSettingsBody,
      response: { 200: s.slaSettingsSchema, ...problems(400) },
    },
    handler: async (req) => saveSlaSettings(ctx.db, req.body, asStaff(req.auth.actor), ctx.clock.now()),
  });

  app.get('/staff/support/reports', {
    config: { access: policy.report },
    schema: {
      tags,
      summary:
        'Support reports: first-response and resolution times (median, p90, business minutes), breaches, credits charged, time spent, per department, plan or priority',
      querystring: s.reportQuery,
      response: { 200: s.reportSchema, ...problems(400) },
    },
    handler: async (req) => supportReport(ctx.db, { ...req.query, timeZone: req.query.tz ?? 'UTC' }),
  });

  app.get('/staff/support/reports.csv', {
    config: { access: policy.reportCsv },
    schema: {
      tags,
      summary: 'The same report as CSV (RFC 4180, a header row)',
      querystring: s.reportQuery,
      response: { 200: fileResponse('The report, one line per group.', 'text/csv', z.string()), ...problems(400) },
    },
    handler: async (req, reply) => {
      const r = await supportReport(ctx.db, { ...req.query, timeZone: req.query.tz ?? 'UTC' });
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="support-report-${r.from}-${r.to}-${r.groupBy}.csv"`)
        .send(reportCsv(r));
    },
  });
};
