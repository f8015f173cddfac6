import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uploadDescription } from './upload-description.js';
import { z } from 'zod';
import { AppError, invalid } from '../../core/errors.js';
import { idempotencyHeaders, idempotent, requestOf } from '../../core/idempotency.js';
import { binary, noContent, problems } from '../../core/openapi.js';
import { asStaff } from '../../core/policy.js';
import { catalogProducts } from '../licenses/index.js';
import { filesPolicy as policy } from './policy.js';
import { presentCompanyFile, presentProductFile } from './presenters.js';
import { listCompanyFiles } from './queries.js';
import { discard, receiveUploads, type UploadPart } from '../../core/storage/receive-uploads.js';
import * as s from './schemas.js';
import { addCompanyFiles } from './upload-company-files.js';
import { addProductFile, deleteProductFile } from './upload-product-file.js';

const tags = ['staff: files'];

export const filesStaffRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/staff/files/product-files', {
    config: { access: policy.staffListProductFiles },
    schema: {
      tags,
      summary: 'Product files, newest first or sorted (F-1, F-2)',
      querystring: s.staffProductListQuery,
      response: { 200: z.object({ items: z.array(s.productFileSchema.extend({ productName: z.string() })) }) },
    },
    handler: async (req) => {
      const q = req.query;
      let query = ctx.db
        .selectFrom('product_files as f')
        .innerJoin(catalogProducts(ctx.db).as('p'), 'p.id', 'f.product_id')
        .selectAll('f')
        .select('p.name as product_name');
      if (q.productId) query = query.where('f.product_id', '=', q.productId);
      const col = q.sort === 'name' ? 'f.name' : q.sort === 'size' ? 'f.size' : 'f.created_at';
      const rows = await query.orderBy(col, q.order).orderBy('f.id', q.order).limit(q.limit).execute();
      return { items: rows.map((r) => ({ ...presentProductFile(r), productName: r.product_name })) };
    },
  });

  app.post('/staff/files/product-files', {
    config: { access: policy.staffUploadProductFile },
    schema: {
      tags,
      summary:
        'Upload a product file (multipart: productId, version, kind, fromVersion, toVersion, securityPatch, description, file) (F-1, F-5, F-7)',
      multipart: z.object({ ...s.productFileFields.shape, file: binary }),
      headers: idempotencyHeaders,
      response: { 201: s.productFileSchema },
    },
    handler: async (req, reply) => {
      const actor = asStaff(req.auth.actor);
      if (!req.isMultipart()) throw new AppError('unsupported-media-type', 'Send the file as multipart/form-data.');
      const max = ctx.config.productFileMaxBytes;
      const parts = req.parts({
        preservePath: true,
        limits: { fileSize: max + 1, files: 2, fields: 20 },
      }) as AsyncIterable<UploadPart>;
      const { files, fields } = await receiveUploads(ctx.storage, parts, {
        fileMaxBytes: max,
        maxFiles: 1,
        quotaLeft: null,
        prefix: 'product-files',
      });
      const file = files[0];
      const parsed = s.productFileFields.safeParse(fields);
      if (!parsed.success || !file) {
        await discard(ctx.storage, files);
        throw invalid(
          parsed.error
            ? parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }))
            : [{ field: 'file', message: 'Required' }],
        );
      }
      return idempotent(ctx, req, reply, requestOf(ctx, parsed.data, files), async (tx) => ({
        status: 201,
        body: presentProductFile(await addProductFile(tx, actor, parsed.data, file)),
      }));
    },
  });

  app.delete('/staff/files/product-files/:id', {
    config: { access: policy.staffDeleteProductFile },
    schema: {
      tags,
      summary: 'Remove a product file',
      params: s.fileIdParams,
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      await deleteProductFile(ctx, asStaff(req.auth.actor), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/staff/files/companies/:companyId', {
    config: { access: policy.staffListCompanyFiles },
    schema: {
      tags,
      summary: "A company's My files (F-1)",
      params: s.companyIdParams,
      querystring: s.listQuery,
      response: { 200: s.companyFilePage },
    },
    handler: async (req) => listCompanyFiles(ctx.db, req.params.companyId, req.query),
  });

  app.post('/staff/files/companies/:companyId', {
    config: { access: policy.staffUploadCompanyFile },
    schema: {
      tags,
      summary: "Put files into a company's My files (multipart; the quota does not apply) (F-1)",
      params: s.companyIdParams,
      multipart: s.uploadParts(20),
      headers: idempotencyHeaders,
      response: { 201: z.object({ items: z.array(s.companyFileSchema) }), ...problems(404) },
    },
    handler: async (req, reply) => {
      const actor = asStaff(req.auth.actor);
      if (!req.isMultipart()) throw new AppError('unsupported-media-type', 'Send the files as multipart/form-data.');
      const max = ctx.config.productFileMaxBytes;
      const parts = req.parts({
        preservePath: true,
        limits: { fileSize: max + 1, files: 21, fields: 10 },
      }) as AsyncIterable<UploadPart>;
      const { files, fields } = await receiveUploads(ctx.storage, parts, {
        fileMaxBytes: max,
        maxFiles: 20,
        quotaLeft: null,
        prefix: 'company-files',
      });
      const description = await uploadDescription(ctx.storage, fields, files);
      return idempotent(ctx, req, reply, requestOf(ctx, { description }, files), async (tx) => {
        const rows = await addCompanyFiles(tx, actor, req.params.companyId, files, description);
        return { status: 201, body: { items: rows.map((r) => presentCompanyFile({ ...r, uploader_name: null })) } };
      });
    },
  });
};
