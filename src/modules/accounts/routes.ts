import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { binary, fileResponse, noContent, problems } from '../../core/openapi.js';
import { asProfile } from '../../core/policy.js';
import { idempotencyHeaders, idempotent } from '../../core/idempotency.js';
import { avatarMaxBytes, deleteAvatar, setAvatar } from './avatar.js';
import { createProfile } from './create-profile.js';
import { disableProfile, reRegisterProfile } from './disable-profile.js';
import { accountsPolicy as policy, assertCanManageOther, assertSameCompany, assertSelf } from './policy.js';
import { presentCompany, presentProfile } from './presenters.js';
import { findProfile, listCompanyProfiles } from './queries.js';
import * as s from './schemas.js';
import { unlockProfile } from './unlock-profile.js';
import { updateCompany } from './update-company.js';
import { updateProfile } from './update-profile.js';

const tags = ['profiles'];

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const withAvatar = async (id: string) => {
    const p = await findProfile(ctx.db, id);
    if (!p) throw new AppError('not-found');
    return presentProfile(p, p.has_avatar);
  };

  app.get('/profiles', {
    config: { access: policy.listProfiles },
    schema: {
      tags,
      summary: "The company's profiles, with lock marks (A-2, A-5)",
      response: { 200: z.object({ items: z.array(s.profileSchema) }) },
    },
    handler: async (req) => {
      const actor = asProfile(req.auth.actor);
      const rows = await listCompanyProfiles(ctx.db, actor.companyId);
      return { items: rows.map((r) => presentProfile(r, r.has_avatar)) };
    },
  });

  app.post('/profiles', {
    config: { access: policy.createProfile },
    schema: {
      tags,
      summary: 'Add an advanced secondary or secondary profile (primary only)',
      body: s.createProfileBody,
      headers: idempotencyHeaders,
      response: { 201: s.profileSchema, ...problems(409) },
    },
    handler: async (req, reply) =>
      // The password stays out of the stored fingerprint (a fast hash of it would undo argon2's work).
      idempotent(ctx, req, reply, { fingerprint: { ...req.body, password: undefined } }, async (tx) => ({
        status: 201,
        body: presentProfile(await createProfile(tx, asProfile(req.auth.actor), req.body), false),
      })),
  });

  app.get('/profiles/:id', {
    config: { access: policy.getProfile },
    schema: {
      tags,
      summary: 'One profile of your company',
      params: s.profileIdParams,
      response: { 200: s.profileSchema, ...problems(404) },
    },
    handler: async (req) => {
      const p = await findProfile(ctx.db, req.params.id);
      assertSameCompany(asProfile(req.auth.actor), p);
      return presentProfile(p, p.has_avatar);
    },
  });

  app.patch('/profiles/:id', {
    config: { access: policy.updateProfile },
    schema: {
      tags,
      summary: 'Edit yourself (A-8) or, as the primary, another profile',
      params: s.profileIdParams,
      body: s.updateProfileBody,
      response: { 200: s.profileSchema, ...problems(404) },
    },
    handler: async (req) => {
      await updateProfile(ctx, asProfile(req.auth.actor), req.params.id, req.body);
      return withAvatar(req.params.id);
    },
  });

  app.post('/profiles/:id/disable', {
    config: { access: policy.disableProfile },
    schema: {
      tags,
      summary: 'Disable a secondary profile (A-4)',
      params: s.profileIdParams,
      // 422: the company owner cannot be disabled.
      response: { 200: s.profileSchema, ...problems(404, 422) },
    },
    handler: async (req) => {
      await disableProfile(ctx, asProfile(req.auth.actor), req.params.id);
      return withAvatar(req.params.id);
    },
  });

  app.post('/profiles/:id/re-register', {
    config: { access: policy.reRegisterProfile },
    schema: {
      tags,
      summary: 'Re-register a profile to another person (A-4)',
      params: s.profileIdParams,
      body: s.reRegisterBody,
      response: { 200: s.profileSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) => {
      await reRegisterProfile(ctx, asProfile(req.auth.actor), req.params.id, req.body);
      return withAvatar(req.params.id);
    },
  });

  app.post('/profiles/:id/unlock', {
    config: { access: policy.unlockProfile },
    schema: {
      tags,
      summary: 'Unblock a profile blocked after failed log-ins (A-5)',
      params: s.profileIdParams,
      response: { 200: s.profileSchema, ...problems(404, 422) },
    },
    handler: async (req) => {
      const actor = asProfile(req.auth.actor);
      const target = await findProfile(ctx.db, req.params.id);
      assertSameCompany(actor, target);
      if (target.id !== actor.id) assertCanManageOther(actor, target);
      await unlockProfile(ctx, actor, target);
      return withAvatar(target.id);
    },
  });

  app.put('/profiles/:id/avatar', {
    config: { access: policy.setAvatar },
    schema: {
      tags,
      summary: 'Upload your picture (multipart field "file"; PNG, JPEG, WebP, GIF; 5 MB) (A-8)',
      params: s.profileIdParams,
      multipart: z.object({ file: binary.describe('The picture: PNG, JPEG, WebP or GIF, at most 5 MB.') }),
      // 415 also when the file is not one of those images.
      response: { 200: s.profileSchema, ...problems(404) },
    },
    handler: async (req) => {
      const actor = asProfile(req.auth.actor);
      assertSelf(actor, await findProfile(ctx.db, req.params.id));
      if (!req.isMultipart())
        throw new AppError('unsupported-media-type', 'Send the picture as multipart/form-data in the field "file".');
      const file = await req.file({ limits: { fileSize: avatarMaxBytes, files: 1, fields: 5 } });
      if (file?.fieldname !== 'file')
        throw new AppError('validation-failed', 'Send the picture in the field "file".', [
          { field: 'file', message: 'Required' },
        ]);
      const data = await file.toBuffer();
      await setAvatar(ctx, actor, data);
      return withAvatar(actor.id);
    },
  });

  app.delete('/profiles/:id/avatar', {
    config: { access: policy.deleteAvatar },
    schema: {
      tags,
      summary: 'Remove your picture',
      params: s.profileIdParams,
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      const actor = asProfile(req.auth.actor);
      assertSelf(actor, await findProfile(ctx.db, req.params.id));
      await deleteAvatar(ctx, actor);
      return reply.code(204).send(null);
    },
  });

  app.get('/profiles/:id/avatar', {
    config: { access: policy.getAvatar },
    schema: {
      tags,
      summary: "A profile's picture (image/webp)",
      params: s.profileIdParams,
      response: { 200: fileResponse('The picture, 256×256.', 'image/webp'), ...problems(404) },
    },
    handler: async (req, reply) => {
      const actor = asProfile(req.auth.actor);
      const row = await ctx.db
        .selectFrom('profile_avatars as a')
        .innerJoin('profiles as p', 'p.id', 'a.profile_id')
        .select(['a.content', 'a.media_type', 'p.company_id'])
        .where('a.profile_id', '=', req.params.id)
        .executeTakeFirst();
      assertSameCompany(actor, row);
      return reply
        .header('content-type', row.media_type)
        .header('cache-control', 'private, max-age=60')
        .header('x-content-type-options', 'nosniff')
        .send(row.content);
    },
  });

  app.get('/company', {
    config: { access: policy.getCompany },
    schema: { tags: ['company'], summary: 'Your company (A-9)', response: { 200: s.companySchema } },
    handler: async (req) => {
      const actor = asProfile(req.auth.actor);
      const c = await ctx.db
        .selectFrom('companies')
        .selectAll()
        .where('id', '=', actor.companyId)
        .executeTakeFirstOrThrow();
      return presentCompany(c);
    },
  });

  app.patch('/company', {
    config: { access: policy.updateCompany },
    schema: {
      tags: ['company'],
      summary: 'Edit your company (primary only, A-9)',
      body: s.updateCompanyBody,
      response: { 200: s.companySchema },
    },
    handler: async (req) => presentCompany(await updateCompany(ctx, asProfile(req.auth.actor), req.body)),
  });
};
