import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { fileResponse, problems } from '../../core/openapi.js';
import { asProfile } from '../../core/policy.js';
import { idempotencyHeaders, idempotent } from '../../core/idempotency.js';
import { acceptLicense } from './accept-license.js';
import { cancelUrlChange, changeLicenseUrl } from './change-license-url.js';
import { PerKeyLimiter } from './check-limiter.js';
import { signLicenseFile } from './license-file.js';
import { licenseHistory } from './license-history.js';
import { normalizeLicenseKey } from './license-key.js';
import { listLicenses, presentOne } from './list-licenses.js';
import { listTransfers } from './list-transfers.js';
import { licensesPolicy as policy } from './policy.js';
import { findCompanyLicense } from './queries.js';
import { registerLicense } from './register-license.js';
import { listReleases } from './releases.js';
import * as s from './schemas.js';
import { signingKeys } from './signing-keys.js';
import { acceptLicenseTransfer, closeLicenseTransfer, requestLicenseTransfer } from './transfer-license.js';
import { transferModule } from './transfer-module.js';
import { updateLicenseHolderFields } from './update-license.js';
import { licensePayload, validateLicense } from './validate-license.js';

const tags = ['licenses'];

export const licensesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const me = (req: { auth: { actor: Parameters<typeof asProfile>[0] } }) => asProfile(req.auth.actor);
  const one = async (companyId: string, key: string) =>
    presentOne(ctx.db, await findCompanyLicense(ctx.db, companyId, key), ctx.clock.now());

  app.get('/licenses', {
    config: { access: policy.list },
    schema: {
      tags,
      summary: 'My licenses, filtered by URL, brand, holder status or state (L-2)',
      querystring: s.listQuery,
      response: { 200: s.licensePage },
    },
    handler: async (req) => ({
      ...(await listLicenses(ctx.db, me(req).companyId, req.query, ctx.clock.now())),
      holderStatuses: [...s.holderStatuses],
    }),
  });

  app.get('/licenses/:key', {
    config: { access: policy.get },
    schema: {
      tags,
      summary: 'One license of your company',
      params: s.keyParams,
      response: { 200: s.licenseSchema, ...problems(404) },
    },
    handler: async (req) => one(me(req).companyId, req.params.key),
  });

  app.patch('/licenses/:key', {
    config: { access: policy.setHolderFields },
    schema: {
      tags,
      summary: "Set the license's status and store version for your own bookkeeping (L-2)",
      params: s.keyParams,
      body: s.updateLicenseBody,
      response: { 200: s.licenseSchema, ...problems(404) },
    },
    handler: async (req) =>
      presentOne(ctx.db, await updateLicenseHolderFields(ctx, me(req), req.params.key, req.body), ctx.clock.now()),
  });

  app.get('/licenses/:key/history', {
    config: { access: policy.history },
    schema: {
      tags,
      summary: 'Every event of the license while your company held it, oldest first (L-6)',
      params: s.keyParams,
      response: { 200: z.object({ items: z.array(s.eventSchema) }), ...problems(404) },
    },
    handler: async (req) => ({ items: await licenseHistory(ctx.db, req.params.key, me(req).companyId) }),
  });

  app.get('/licenses/:key/agreement', {
    config: { access: policy.agreement },
    schema: {
      tags,
      summary: 'The license agreement to read before accepting (L-3)',
      params: s.keyParams,
      response: { 200: z.object({ brand: z.string(), text: z.string() }), ...problems(404) },
    },
    handler: async (req) => {
      const l = await findCompanyLicense(ctx.db, me(req).companyId, req.params.key);
      const b = await ctx.db
        .selectFrom('brands')
        .select(['name', 'agreement'])
        .where('id', '=', l.brand_id)
        .executeTakeFirstOrThrow();
      return {
        brand: b.name,
        text: b.agreement || `${b.name} license agreement: the software may be used on the store at the license URL.`,
      };
    },
  });

  app.post('/licenses/:key/accept', {
    config: { access: policy.accept },
    schema: {
      tags,
      summary: 'Accept the license agreement (L-3, primary only)',
      params: s.keyParams,
      body: s.acceptBody,
      // 409: already accepted; 422: not verified yet, or revoked.
      response: { 200: s.licenseSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) => presentOne(ctx.db, await acceptLicense(ctx, me(req), req.params.key), ctx.clock.now()),
  });

  app.post('/licenses/:key/register', {
    config: { access: policy.register },
    schema: {
      tags,
      summary: 'Register the installation: evaluation → commercial (L-4, primary only)',
      params: s.keyParams,
      // 409: already registered; 422: not accepted, no URL, not verified, or revoked.
      response: { 200: s.licenseSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) => presentOne(ctx.db, await registerLicense(ctx, me(req), req.params.key), ctx.clock.now()),
  });

  app.post('/licenses/:key/url', {
    config: { access: policy.changeUrl },
    schema: {
      tags,
      summary: 'Change the license URL (L-5, primary only)',
      params: s.keyParams,
      body: s.changeUrlBody,
      // 409: a change waits for its fee, or a transfer is open; 422: not verified, or revoked.
      response: { 200: s.urlChangeResult, ...problems(404, 409, 422) },
    },
    handler: async (req) => {
      const r = await changeLicenseUrl(ctx, me(req), req.params.key, req.body);
      return {
        change: r.change,
        state: r.state,
        fee: r.fee,
        license: await presentOne(ctx.db, r.license, ctx.clock.now()),
      };
    },
  });

  app.delete('/licenses/:key/url-change', {
    config: { access: policy.cancelUrlChange },
    schema: {
      tags,
      summary: 'Withdraw a URL change that waits for its fee (L-5)',
      params: s.keyParams,
      response: { 200: s.licenseSchema, ...problems(404) },
    },
    handler: async (req) => presentOne(ctx.db, await cancelUrlChange(ctx, me(req), req.params.key), ctx.clock.now()),
  });

  app.post('/licenses/:key/transfers', {
    config: { access: policy.requestTransfer },
    schema: {
      tags,
      summary: 'Request the transfer of a license to an existing or a new customer (L-7, primary only)',
      params: s.keyParams,
      body: s.transferBody,
      headers: idempotencyHeaders,
      // 409: a transfer or a URL change is open, or the new customer's e-mail is taken.
      response: { 201: s.transferSchema, ...problems(404, 409, 422) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => {
        const actor = me(req);
        const t = await requestLicenseTransfer(tx, actor, req.params.key, req.body);
        const [dto] = await listTransfers(tx.db, actor.companyId, { id: t.id });
        if (!dto) throw new AppError('not-found');
        return { status: 201, body: dto };
      }),
  });

  app.post('/licenses/:key/module-transfers', {
    config: { access: policy.transferModule },
    schema: {
      tags,
      summary: 'Move a module to another license of yours or of another company (L-8, primary only)',
      params: s.keyParams,
      body: s.moduleTransferBody,
      response: { 200: s.licenseSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) =>
      presentOne(ctx.db, await transferModule(ctx, me(req), req.params.key, req.body), ctx.clock.now()),
  });

  app.get('/license-transfers', {
    config: { access: policy.listTransfers },
    schema: {
      tags,
      summary: 'Transfer requests your company sent or received (L-7)',
      response: { 200: z.object({ items: z.array(s.transferSchema) }) },
    },
    handler: async (req) => ({ items: await listTransfers(ctx.db, me(req).companyId) }),
  });

  for (const [verb, rule] of [
    ['accept', policy.acceptTransfer],
    ['decline', policy.declineTransfer],
    ['cancel', policy.cancelTransfer],
  ] as const) {
    app.post(`/license-transfers/:id/${verb}`, {
      config: { access: rule },
      schema: {
        tags,
        summary: `${verb[0]?.toUpperCase()}${verb.slice(1)} a license transfer request (L-7)`,
        params: s.idParams,
        // 409: the transfer is no longer open; accepting, 422: the license cannot move now.
        response: { 200: s.transferSchema, ...(verb === 'accept' ? problems(404, 409, 422) : problems(404, 409)) },
      },
      handler: async (req) => {
        const actor = me(req);
        if (verb === 'accept') await acceptLicenseTransfer(ctx, actor, req.params.id);
        else await closeLicenseTransfer(ctx, actor, req.params.id, verb === 'decline' ? 'declined' : 'cancelled');
        const [dto] = await listTransfers(ctx.db, actor.companyId, { id: req.params.id });
        if (!dto) throw new AppError('not-found');
        return dto;
      },
    });
  }

  app.get('/products/:id/releases', {
    config: { access: policy.productReleases },
    schema: {
      tags,
      summary: "A product's versions with the obsolete / out-of-guarantee marks (L-9)",
      params: s.idParams,
      response: { 200: s.productReleases, ...problems(404) },
    },
    handler: async (req) => listReleases(ctx.db, req.params.id, ctx.clock.now()),
  });

  // ---- L-10: the license check for the vendor's software ---------------------------------
  const perKey = new PerKeyLimiter(ctx.config.licenseChecksPerKey);
  const ipLimit = ctx.config.rateLimit ? { max: ctx.config.licenseChecksPerIp, timeWindow: '1 minute' } : false;
  const checkKey = (raw: string) => {
    const key = normalizeLicenseKey(raw) ?? raw.slice(0, 64);
    if (!perKey.take(key, Date.now()))
      throw new AppError('rate-limited', 'Too many checks of this license key; try again in a minute.');
  };

  app.post('/licenses/validate', {
    config: { access: policy.validate, session: false, rateLimit: ipLimit },
    schema: {
      tags,
      summary: 'Check a license key (and the URL of the installation): valid or the reason why not (L-10)',
      security: [],
      body: s.validateBody,
      // 429: too many checks from this address, or of this key (whatever the installation's IP limit).
      response: { 200: s.validateResult, ...problems(429) },
    },
    handler: async (req) => {
      checkKey(req.body.key);
      const r = await validateLicense(ctx.db, req.body, ctx.clock.now());
      return {
        valid: r.valid,
        reason: r.reason,
        products: r.valid ? r.products : [],
        expiresAt: r.valid ? r.expiresAt : null,
      };
    },
  });

  app.post('/licenses/license-file', {
    config: { access: policy.licenseFile, session: false, rateLimit: ipLimit },
    schema: {
      tags,
      summary: 'A signed license file (Ed25519) for a valid license, to verify offline (L-10)',
      security: [],
      body: s.licenseFileBody,
      // 422: the license is not valid (the reason is in errors[0].message).
      response: { 200: z.unknown(), ...problems(422, 429) },
    },
    handler: async (req) => {
      checkKey(req.body.key);
      const now = ctx.clock.now();
      const r = await validateLicense(ctx.db, req.body, now);
      if (!r.valid)
        throw new AppError('unprocessable', `The license is not valid: ${r.reason}.`, [
          { field: 'key', message: r.reason },
        ]);
      return signLicenseFile(licensePayload(r, now), await signingKeys(ctx.db, now));
    },
  });

  app.get('/licenses/public-key', {
    config: { access: policy.publicKey, session: false },
    schema: {
      tags,
      summary: "The vendor's Ed25519 public key (PEM) that verifies license files (L-10)",
      security: [],
      response: { 200: fileResponse('The public key, PEM.', 'application/x-pem-file', z.string()) },
    },
    handler: async (_req, reply) =>
      reply.type('application/x-pem-file').send((await signingKeys(ctx.db, ctx.clock.now())).publicKeyPem),
  });
};
