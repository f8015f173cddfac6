import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { discard, type ReceivedFile, receiveUploads, type UploadPart } from '../../core/storage/receive-uploads.js';
import { parseFields } from '../../core/validate.js';

export const maxAttachments = 10;

/**
 * A message with attachments arrives as multipart/form-data (text fields + files "files"); without
 * attachments it may be JSON. Files are streamed to storage under the F-6 limits before the fields
 * are checked; when the fields are invalid the stored files are removed again.
 */
export async function readMessageBody<S extends z.ZodType>(
  ctx: AppContext,
  req: FastifyRequest,
  schema: S,
): Promise<{ data: z.infer<S>; files: ReceivedFile[] }> {
  if (!req.isMultipart()) {
    if (req.body === undefined || req.body === null)
      throw new AppError('validation-failed', 'A JSON body is required.', [{ field: 'body', message: 'Required' }]);
    return { data: parseFields(schema, req.body), files: [] };
  }
  const parts = req.parts({
    preservePath: true,
    limits: { fileSize: ctx.config.fileMaxBytes + 1, files: maxAttachments + 1, fields: 20, fieldSize: 200_000 },
  }) as AsyncIterable<UploadPart>;
  const multi: Record<string, string[]> = {};
  // Repeated text fields (licenses) arrive as several parts: collect them before validating.
  async function* collect(): AsyncIterable<UploadPart> {
    for await (const p of parts) {
      if (p.type === 'field') {
        const list = multi[p.fieldname] ?? [];
        list.push(String(p.value ?? ''));
        multi[p.fieldname] = list;
      }
      yield p;
    }
  }
  const { files } = await receiveUploads(ctx.storage, collect(), {
    maxFiles: maxAttachments,
    fileMaxBytes: ctx.config.fileMaxBytes,
    quotaLeft: null,
    prefix: 'tickets',
    requireFile: false,
    fileField: 'files',
  });
  const fields = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.length > 1 ? v : v[0]]));
  try {
    return { data: parseFields(schema, fields), files };
  } catch (e) {
    await discard(ctx.storage, files);
    throw e;
  }
}

/** Runs a use case with stored attachments; removes them when it fails (compensation, STYLE 10). */
export async function withFiles<T>(ctx: AppContext, files: ReceivedFile[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    await discard(ctx.storage, files);
    throw e;
  }
}
