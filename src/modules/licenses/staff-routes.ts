import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent, problems } from '../../core/openapi.js';
import { asStaff } from '../../core/policy.js';
import { idempotencyHeaders, idempotent } from '../../core/idempotency.js';
import { waiveUrlChangeFee } from './change-license-url.js';
import { addModule, addSubscription, issueLicense, setLicenseState } from './issue-license.js';
import { licenseHistory } from './license-history.js';
import { normalizeLicenseKey } from './license-key.js';
import { presentLicenses } from './list-licenses.js';
import { listTransfers } from './list-transfers.js';
import { licensesPolicy as policy } from './policy.js';
import { findLicenseByKey } from './queries.js';
import { createRelease, deleteRelease, listReleases, updateRelease } from './releases.js';
import * as s from './schemas.js';
import { approveNewCustomerTransfer } from './transfer-license.js';
import { companyNames } from '../accounts/index.js';

const tags = ['staff: licenses'];

export const licensesStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  const withCompany = async (rows: Awaited<ReturnType<typeof findLicenseByKey>>[], db = ctx.db) => {
    const dtos = await presentLicenses(db, rows, ctx.clock.now());
    const ids = [...new Set(rows.map((r) => r.company_id))];
    const names = await companyNames(db, ids);
    return dtos.map((d, i) => {
      const id = rows[i]?.company_id ?? '';
      const name = names.get(id);
      return { ...d, company: name === undefined ? { id: '', name: '' } : { id, name } };
    });
  };
  const one = async (key: string, db = ctx.db) => {
    const [dto] = await withCompany([await findLicenseByKey(db, key)], db);
    if (!dto) throw new Error('unreachable: a found license always presents');
    return dto;
  };

  app.get('/staff/licenses', {
    config: { access: policy.staffList },
    schema: {
      tags,
      summary: 'Licenses by key, by company, or with a URL change waiting for its fee',
      querystring: s.staffListQuery,
      response: { 200: z.object({ items: z.array(s.staffLicenseSchema) }) },
    },
    handler: async (req) => {
      const q = req.query;
      let query = ctx.db.selectFrom('licenses').selectAll('licenses');
      if (q.key !== undefined) query = query.where('key', '=', normalizeLicenseKey(q.key) ?? '-');
      if (q.companyId) query = query.where('company_id', '=', q.companyId);
      if (q.feeDue === 'true')
        query = query.where('id', 'in', (eb) =>
          eb.selectFrom('license_url_changes').select('license_id').where('state', '=', 'fee_due'),
        );
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
      return { items: await withCompany(rows) };
    },
  });

  app.post('/staff/licenses', {
    config: { access: policy.staffIssue },
    schema: {
      tags,
      summary: 'Issue a license to a company (the purchase until the shop exists; L-1)',
      body: s.issueBody,
      headers: idempotencyHeaders,
      response: { 201: s.staffLicenseSchema, ...problems(409) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => ({
        status: 201,
        body: await one((await issueLicense(tx, asStaff(req.auth.actor), req.body)).key, tx.db),
      })),
  });

  app.get('/staff/licenses/:key', {
    config: { access: policy.staffGet },
    schema: {
      tags,
      summary: 'One license',
      params: s.keyParams,
      response: { 200: s.staffLicenseSchema, ...problems(404) },
    },
    handler: async (req) => one(req.params.key),
  });

  app.get('/staff/licenses/:key/history', {
    config: { access: policy.staffHistory },
    schema: {
      tags,
      summary: 'The whole history of a license, across holders (L-6)',
      params: s.keyParams,
      response: { 200: z.object({ items: z.array(s.eventSchema) }), ...problems(404) },
    },
    handler: async (req) => ({ items: await licenseHistory(ctx.db, req.params.key, null) }),
  });

  app.post('/staff/licenses/:key/:action', {
    config: { access: policy.staffSetState },
    schema: {
      tags,
      summary: 'Verify a Pending purchase, or revoke a license',
      params: s.stateActionParams,
      // 409: not Pending (verify), or already revoked.
      response: { 200: s.staffLicenseSchema, ...problems(404, 409) },
    },
    handler: async (req) =>
      one((await setLicenseState(ctx, asStaff(req.auth.actor), req.params.key, req.params.action)).key),
  });

  app.post('/staff/licenses/:key/modules', {
    config: { access: policy.staffAddModule },
    schema: {
      tags,
      summary: 'Add a module to a license (a module purchase, L-6)',
      params: s.keyParams,
      body: s.addModuleBody,
      headers: idempotencyHeaders,
      response: { 200: s.staffLicenseSchema, ...problems(404, 409) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => ({
        status: 200,
        body: await one((await addModule(tx, asStaff(req.auth.actor), req.params.key, req.body)).key, tx.db),
      })),
  });

  app.post('/staff/licenses/:key/subscriptions', {
    config: { access: policy.staffAddSubscription },
    schema: {
      tags,
      summary: 'Add a recurring subscription to a license (L-1)',
      params: s.keyParams,
      body: s.addSubscriptionBody,
      headers: idempotencyHeaders,
      response: { 200: s.staffLicenseSchema, ...problems(404, 422) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => ({
        status: 200,
        body: await one((await addSubscription(tx, asStaff(req.auth.actor), req.params.key, req.body)).key, tx.db),
      })),
  });

  app.post('/staff/licenses/:key/url-change/waive', {
    config: { access: policy.staffWaiveFee },
    schema: {
      tags,
      summary: 'Waive the renewal fee of a waiting URL change; the change happens (L-5)',
      params: s.keyParams,
      response: { 200: s.staffLicenseSchema, ...problems(404) },
    },
    handler: async (req) => one((await waiveUrlChangeFee(ctx, asStaff(req.auth.actor), req.params.key)).key),
  });

  app.get('/staff/license-transfers', {
    config: { access: policy.staffListTransfers },
    schema: {
      tags,
      summary: 'Open license transfer requests (L-7)',
      response: { 200: z.object({ items: z.array(s.transferSchema) }) },
    },
    handler: async () => ({ items: await listTransfers(ctx.db, null, { openOnly: true }) }),
  });

  app.post('/staff/license-transfers/:id/approve', {
    config: { access: policy.staffApproveTransfer },
    schema: {
      tags,
      summary: 'Approve a transfer to a new customer: the company is created and its owner invited (L-7)',
      params: s.idParams,
      // 422: the transfer goes to an existing customer, who accepts it.
      response: { 200: s.transferSchema, ...problems(404, 409, 422) },
    },
    handler: async (req) => {
      await approveNewCustomerTransfer(ctx, asStaff(req.auth.actor), req.params.id);
      const [dto] = await listTransfers(ctx.db, null, { id: req.params.id });
      return dto as z.infer<typeof s.transferSchema>;
    },
  });

  app.get('/staff/products', {
    config: { access: policy.staffCatalogue },
    schema: {
      tags,
      summary: 'Brands and products with their number of releases',
      response: { 200: s.catalogueSchema },
    },
    handler: async () => {
      const brands = await ctx.db.selectFrom('brands').select(['id', 'name']).orderBy('name').execute();
      const products = await ctx.db
        .selectFrom('products as p')
        .leftJoin('releases as r', 'r.product_id', 'p.id')
        .select(['p.id', 'p.name', 'p.kind', 'p.parent_id', 'p.brand_id', (eb) => eb.fn.count<string>('r.id').as('n')])
        .groupBy('p.id')
        .orderBy('p.name')
        .execute();
      return {
        brands: brands.map((b) => ({
          ...b,
          products: products
            .filter((p) => p.brand_id === b.id)
            .map((p) => ({ id: p.id, name: p.name, kind: p.kind, parentId: p.parent_id, releases: Number(p.n) })),
        })),
      };
    },
  });

  app.post('/staff/products/:id/releases', {
    config: { access: policy.staffCreateRelease },
    schema: {
      tags,
      summary: 'Publish a release: version, branch, date (L-9)',
      params: s.idParams,
      body: s.releaseBody,
      headers: idempotencyHeaders,
      response: { 201: s.productReleases, ...problems(404, 409) },
    },
    handler: async (req, reply) =>
      idempotent(ctx, req, reply, { fingerprint: req.body }, async (tx) => {
        await createRelease(tx, asStaff(req.auth.actor), req.params.id, req.body);
        return { status: 201, body: await listReleases(tx.db, req.params.id, ctx.clock.now()) };
      }),
  });

  app.patch('/staff/releases/:id', {
    config: { access: policy.staffUpdateRelease },
    schema: {
      tags,
      summary: 'Correct a release (L-9)',
      params: s.idParams,
      body: s.releaseUpdateBody,
      response: { 200: s.productReleases, ...problems(404, 409) },
    },
    handler: async (req) => {
      const r = await updateRelease(ctx, asStaff(req.auth.actor), req.params.id, req.body);
      return listReleases(ctx.db, r.product_id, ctx.clock.now());
    },
  });

  app.delete('/staff/releases/:id', {
    config: { access: policy.staffDeleteRelease },
    schema: {
      tags,
      summary: 'Withdraw a release',
      params: s.idParams,
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      await deleteRelease(ctx, asStaff(req.auth.actor), req.params.id);
      return reply.code(204).send(null);
    },
  });
};
