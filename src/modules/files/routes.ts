import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uploadDescription } from './upload-description.js';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { idempotencyHeaders, idempotent, requestOf } from '../../core/idempotency.js';
import { binary, downloadResponses, noContent, problems } from '../../core/openapi.js';
import { asProfile } from '../../core/policy.js';
import { sendStoredFile } from '../../core/storage/send.js';
import { deleteCompanyFile } from './delete-company-file.js';
import { getFolderTree } from './get-folder-tree.js';
import { assertCanSeeProduct, assertOwnCompanyFile, filesPolicy as policy } from './policy.js';
import { presentCompanyFile } from './presenters.js';
import { productById } from '../licenses/index.js';
import {
  companyUsage,
  findCompanyFile,
  findCompanyFileWithUploader,
  findProductFile,
  listCompanyFiles,
  listProductFiles,
  listTicketFiles,
} from './queries.js';
import { receiveUploads, type UploadPart } from '../../core/storage/receive-uploads.js';
import * as s from './schemas.js';
import { listSecurityPatches } from './security-patches.js';
import { updateCompanyFile } from './update-company-file.js';
import { upgradePackOptions, buildUpgradePack } from './upgrade-pack.js';
import { addCompanyFiles } from './upload-company-files.js';
import { productVisibility } from './visibility.js';

const tags = ['files'];
const maxFilesPerRequest = 20;

export const filesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/files/tree', {
    config: { access: policy.tree },
    schema: {
      tags,
      summary: 'The folders of the file area, and why product files are hidden (F-1, F-4)',
      response: { 200: s.treeSchema },
    },
    handler: async (req) => getFolderTree(ctx, asProfile(req.auth.actor)),
  });

  app.get('/files/company', {
    config: { access: policy.listCompanyFiles },
    schema: {
      tags,
      summary: 'My files: sort by name, size or date (F-2)',
      querystring: s.listQuery,
      response: { 200: s.companyFilePage },
    },
    handler: async (req) => listCompanyFiles(ctx.db, asProfile(req.auth.actor).companyId, req.query),
  });

  app.get('/files/tickets', {
    config: { access: policy.listTicketFiles },
    schema: {
      tags,
      summary: "Ticket files: the attachments of your company's tickets (F-1, F-2)",
      querystring: s.listQuery,
      response: { 200: s.companyFilePage },
    },
    handler: async (req) => listTicketFiles(ctx.db, asProfile(req.auth.actor).companyId, req.query),
  });

  app.post('/files/company', {
    config: { access: policy.uploadCompanyFiles },
    schema: {
      tags,
      summary: 'Upload one or more files to My files (multipart: "description" field, then file parts) (F-3, F-6)',
      multipart: s.uploadParts(maxFilesPerRequest),
      headers: idempotencyHeaders,
      // 413: a file past the limit, too many files, or past the company's quota.
      response: { 201: z.object({ items: z.array(s.companyFileSchema) }) },
    },
    handler: async (req, reply) => {
      const actor = asProfile(req.auth.actor);
      if (!req.isMultipart()) throw new AppError('unsupported-media-type', 'Send the files as multipart/form-data.');
      const limits = { fileMaxBytes: ctx.config.fileMaxBytes, maxFiles: maxFilesPerRequest, prefix: 'company-files' };
      const quotaLeft = ctx.config.companyQuotaBytes - (await companyUsage(ctx.db, actor.companyId));
      const parts = req.parts({
        preservePath: true,
        limits: { fileSize: limits.fileMaxBytes + 1, files: maxFilesPerRequest + 1, fields: 10 },
      }) as AsyncIterable<UploadPart>;
      const { files, fields } = await receiveUploads(ctx.storage, parts, { ...limits, quotaLeft });
      const description = await uploadDescription(ctx.storage, fields, files);
      return idempotent(ctx, req, reply, requestOf(ctx, { description }, files), async (tx) => {
        const rows = await addCompanyFiles(tx, actor, actor.companyId, files, description);
        return {
          status: 201,
          body: { items: rows.map((r) => presentCompanyFile({ ...r, uploader_name: actor.name })) },
        };
      });
    },
  });

  app.get('/files/company/:id/download', {
    config: { access: policy.downloadCompanyFile },
    schema: {
      tags,
      summary: 'Download a file of My files; resumable with Range (F-3, F-6)',
      params: s.fileIdParams,
      response: downloadResponses('The file'),
    },
    handler: async (req, reply) => {
      const file = await findCompanyFile(ctx.db, req.params.id);
      assertOwnCompanyFile(asProfile(req.auth.actor), file);
      return sendStoredFile(
        reply,
        ctx.storage,
        { key: file.storage_key, name: file.name, mediaType: file.media_type, size: file.size, sha256: file.sha256 },
        req.headers.range,
        req.headers['if-none-match'],
      );
    },
  });

  app.patch('/files/company/:id', {
    config: { access: policy.updateCompanyFile },
    schema: {
      tags,
      summary: "Change a file's description (F-2)",
      params: s.fileIdParams,
      body: s.updateCompanyFileBody,
      // 403: a file the vendor put there.
      response: { 200: s.companyFileSchema, ...problems(404) },
    },
    handler: async (req) => {
      await updateCompanyFile(ctx, asProfile(req.auth.actor), req.params.id, req.body);
      return presentCompanyFile(await findCompanyFileWithUploader(ctx.db, req.params.id));
    },
  });

  app.delete('/files/company/:id', {
    config: { access: policy.deleteCompanyFile },
    schema: {
      tags,
      summary: 'Delete a file your company uploaded (F-3)',
      params: s.fileIdParams,
      response: { 204: noContent, ...problems(404) },
    },
    handler: async (req, reply) => {
      await deleteCompanyFile(ctx, asProfile(req.auth.actor), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/files/products/:productId', {
    config: { access: policy.listProductFiles },
    schema: {
      tags,
      summary: "A product's files of one version (no version: its other files) (F-1, F-2, F-4)",
      params: s.productIdParams,
      querystring: s.productListQuery,
      response: { 200: s.productFilePage, ...problems(404) },
    },
    handler: async (req) => {
      const actor = asProfile(req.auth.actor);
      const v = await productVisibility(ctx.db, actor);
      assertCanSeeProduct(actor, v, await productById(ctx.db, req.params.productId), 'This folder');
      const { version, ...q } = req.query;
      return listProductFiles(ctx.db, req.params.productId, version ?? null, q);
    },
  });

  app.get('/files/product-files/:id/download', {
    config: { access: policy.downloadProductFile },
    schema: {
      tags,
      summary: 'Download a product file; resumable with Range (F-3, F-4)',
      params: s.fileIdParams,
      response: downloadResponses('The file'),
    },
    handler: async (req, reply) => {
      const actor = asProfile(req.auth.actor);
      const file = await findProductFile(ctx.db, req.params.id);
      const v = await productVisibility(ctx.db, actor);
      assertCanSeeProduct(actor, v, file && { id: file.product_id, kind: file.product_kind });
      if (!file) throw new AppError('not-found');
      return sendStoredFile(
        reply,
        ctx.storage,
        { key: file.storage_key, name: file.name, mediaType: file.media_type, size: file.size, sha256: file.sha256 },
        req.headers.range,
        req.headers['if-none-match'],
      );
    },
  });

  app.get('/files/security-patches', {
    config: { access: policy.securityPatches },
    schema: {
      tags,
      summary: 'Security patches listed together per product (F-7)',
      querystring: z.strictObject({ productId: z.uuid('Not a valid product id.').optional() }),
      response: { 200: s.securityPatchesSchema },
    },
    handler: async (req) =>
      listSecurityPatches(ctx.db, await productVisibility(ctx.db, asProfile(req.auth.actor)), req.query.productId),
  });

  app.get('/files/upgrade-packs', {
    config: { access: policy.upgradePackOptions },
    schema: {
      tags,
      summary: 'What an upgrade pack of a license can hold (F-5)',
      querystring: s.upgradeOptionsQuery,
      // 422: the license is not Active.
      response: { 200: s.upgradeOptionsSchema, ...problems(404, 422) },
    },
    handler: async (req) => upgradePackOptions(ctx, asProfile(req.auth.actor), req.query.licenseKey),
  });

  app.post('/files/upgrade-packs', {
    config: { access: policy.upgradePack },
    schema: {
      tags,
      summary: 'Get an upgrade pack: a .zip or .tgz streamed as it is assembled (F-5)',
      body: s.upgradePackBody,
      response: {
        200: {
          description: 'The archive, streamed (Content-Disposition: attachment).',
          content: { 'application/zip': { schema: binary }, 'application/gzip': { schema: binary } },
        },
        // 404: the license, or no upgrade file for these versions; 422: the license is not Active.
        ...problems(404, 422),
      },
    },
    handler: async (req, reply) => {
      const pack = await buildUpgradePack(ctx, asProfile(req.auth.actor), req.body);
      return reply
        .type(pack.mediaType)
        .header('content-disposition', `attachment; filename="${pack.fileName}"`)
        .header('cache-control', 'no-store')
        .send(pack.stream);
    },
  });
};
