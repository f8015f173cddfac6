import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { problems } from '../../core/openapi.js';
import { asStaff } from '../../core/policy.js';
import { idempotencyHeaders, idempotent } from '../../core/idempotency.js';
import { listAudit } from '../../core/audit.js';
import { getMail, listMailbox } from '../../core/mail/mailbox.js';
import {
  companySchema,
  findCompany,
  findProfile,
  listCompanyProfiles,
  presentCompany,
  presentProfile,
  profileSchema,
  searchCompanies,
  unlockProfile,
} from '../accounts/index.js';
import { staffPolicy as policy } from './policy.js';
import * as s from './schemas.js';
import { findOwnStaffUser, updateOwnStaffSettings } from './staff-settings.js';
import { createStaffUser, presentStaffUser, updateStaffUser } from './staff-users.js';

const tags = ['staff'];

export const staffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/staff/me', {
    config: { access: policy.ownSettings },
    schema: {
      tags,
      summary: 'The signed-in staff user and their own settings',
      response: { 200: s.staffUserSchema, ...problems(404) },
    },
    handler: async (req) => presentStaffUser(await findOwnStaffUser(ctx, asStaff(req.auth.actor))),
  });

  app.patch('/staff/me', {
    config: { access: policy.ownSettings },
    schema: {
      tags,
      summary: "Change your own settings: the time zone times are shown in (null = the browser's)",
      body: s.updateOwnSettingsBody,
      response: { 200: s.staffUserSchema, ...problems(404) },
    },
    handler: async (req) => presentStaffUser(await updateOwnStaffSettings(ctx, asStaff(req.auth.actor), req.body)),
  });

  app.get('/staff/users', {
    config: { access: policy.listStaff },
    schema: {
      tags,
      summary: 'Staff users (admin)',
      response: { 200: z.object({ items: z.array(s.staffUserSchema) }) },
    },
    handler: async () => {
      const rows = await ctx.db
        .selectFrom('staff_users')
        .selectAll()
        .orderBy((eb) => eb.fn('lower', ['name']))
        .orderBy('id')
        .limit(1000)
        .execute();
      return { items: rows.map(presentStaffUser) };
    },
  });

  app.post('/staff/users', {
    config: { access: policy.createStaff },
    schema: {
      tags,
      summary: 'Add a staff user (admin, A-10)',
      body: s.createStaffBody,
      headers: idempotencyHeaders,
      response: { 201: s.staffUserSchema, ...problems(409) },
    },
    handler: async (req, reply) =>
      // The password stays out of the stored fingerprint (a fast hash of it would undo argon2's work).
      idempotent(ctx, req, reply, { fingerprint: { ...req.body, password: undefined } }, async (tx) => ({
        status: 201,
        body: presentStaffUser(await createStaffUser(tx, asStaff(req.auth.actor), req.body)),
      })),
  });

  app.patch('/staff/users/:id', {
    config: { access: policy.updateStaff },
    schema: {
      tags,
      summary: 'Change a staff user (admin)',
      params: s.idParams,
      body: s.updateStaffBody,
      // 422: an admin cannot disable themselves or drop their own admin role.
      // 409 email-taken: the new e-mail belongs to a profile or another staff user.
      response: { 200: s.staffUserSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) =>
      presentStaffUser(
        await updateStaffUser(ctx, asStaff(req.auth.actor), req.params.id, req.body, req.auth.session?.id),
      ),
  });

  app.get('/staff/companies', {
    config: { access: policy.listCompanies },
    schema: {
      tags,
      summary: 'Customer companies (name prefix or profile e-mail in q)',
      querystring: s.companiesQuery,
      response: { 200: s.page(companySchema) },
    },
    handler: async (req) => searchCompanies(ctx.db, req.query),
  });

  app.get('/staff/companies/:id', {
    config: { access: policy.getCompany },
    schema: {
      tags,
      summary: 'One company with its profiles',
      params: s.idParams,
      response: { 200: z.object({ company: companySchema, profiles: z.array(profileSchema) }), ...problems(404) },
    },
    handler: async (req) => {
      const c = await findCompany(ctx.db, req.params.id);
      if (!c) throw notFound('This company');
      const profiles = await listCompanyProfiles(ctx.db, c.id);
      return { company: presentCompany(c), profiles: profiles.map((p) => presentProfile(p, p.has_avatar)) };
    },
  });

  app.post('/staff/profiles/:id/unlock', {
    config: { access: policy.unlockProfile },
    schema: {
      tags,
      summary: 'Unblock a customer profile (A-5)',
      params: s.idParams,
      response: { 200: profileSchema, ...problems(404) },
    },
    handler: async (req) => {
      const target = await findProfile(ctx.db, req.params.id);
      if (!target) throw notFound('This profile');
      const p = await unlockProfile(ctx, asStaff(req.auth.actor), target);
      return presentProfile(p, target.has_avatar);
    },
  });

  app.get('/staff/audit', {
    config: { access: policy.auditLog },
    schema: {
      tags,
      summary: 'The audit log, newest first (X-3)',
      querystring: s.auditQuery,
      response: { 200: s.page(s.auditEntrySchema) },
    },
    handler: async (req) => listAudit(ctx.db, req.query),
  });

  app.get('/staff/mailbox', {
    config: { access: policy.listMailbox },
    schema: {
      tags,
      summary: 'The dev mailbox / outbox, newest first (E-1)',
      querystring: s.mailboxQuery,
      response: { 200: s.page(s.mailSummarySchema) },
    },
    handler: async (req) => listMailbox(ctx.db, req.query),
  });

  app.get('/staff/mailbox/:id', {
    config: { access: policy.getMail },
    schema: {
      tags,
      summary: 'One mail of the outbox',
      params: z.strictObject({ id: z.string().regex(/^\d{1,18}$/, 'Not a valid id.') }),
      response: { 200: s.mailSchema, ...problems(404) },
    },
    handler: async (req) => {
      const m = await getMail(ctx.db, req.params.id);
      if (!m) throw notFound('This mail');
      return m;
    },
  });
};
