import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { discard, type ReceivedFile, receiveUploads, type UploadPart } from '../../core/storage/receive-uploads.js';
import { parseFields } from '../../core/validate.js';

export const maxAttachments = 10;

/**
 * A message with attachments arrives as multipart/form-data (text fields + files "files"); without
 * attachments it may be JSON. The text fields come first (the web client sends them first): when
 * the first file part arrives, the fields read so far are validated with the schema and then by
 * `precheck` (the use case's own field checks, e.g. the ticket's license), before a byte of the
 * file is stored, so a missing field never costs an upload (issue 11); the fields must therefore
 * precede the files. Without files the use case checks the fields itself. When the use case fails
 * later, the caller removes the stored files (withFiles).
 */
export async function readMessageBody<S extends z.ZodType>(
  ctx: AppContext,
  req: FastifyRequest,
  schema: S,
  precheck?: (data: z.infer<S>) => Promise<void>,
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
  const fieldsSoFar = () => Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v.length > 1 ? v : v[0]]));
  let checked = false;
  // Repeated text fields (licenses) arrive as several parts: collect them before validating.
  async function* collect(): AsyncIterable<UploadPart> {
    for await (const p of parts) {
      if (p.type === 'field') {
        const list = multi[p.fieldname] ?? [];
        list.push(String(p.value ?? ''));
        multi[p.fieldname] = list;
      } else if (!checked) {
        checked = true;
        try {
          await precheck?.(parseFields(schema, fieldsSoFar()));
        } catch (e) {
          // Refused before the file is stored: its bytes are drained, never written.
          p.file.resume();
          throw e;
        }
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
  try {
    return { data: parseFields(schema, fieldsSoFar()), files };
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
