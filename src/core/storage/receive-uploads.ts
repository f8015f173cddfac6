import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { receivedMediaType, sanitizeFileName } from './files.js';
import { formatBytes, type Storage, type StoredObject } from './index.js';

/** One part of a multipart body, as @fastify/multipart yields it (only what is used here). */
export type UploadPart =
  | { type: 'file'; fieldname: string; filename: string; mimetype: string; file: Readable & { truncated?: boolean } }
  | { type: 'field'; fieldname: string; value: unknown };

export interface ReceivedFile {
  name: string;
  mediaType: string;
  stored: StoredObject;
}

export interface UploadLimits {
  /** Files in one request. */
  maxFiles: number;
  /** The size limit of one file. */
  fileMaxBytes: number;
  /** Bytes still free in the quota before this request, or null when none applies. */
  quotaLeft: number | null;
  prefix: string;
  /** Whether a request without any file is refused (an upload) or fine (a message with optional attachments). */
  requireFile?: boolean;
  /** The form field that carries the files; a file under any other field is refused (400). */
  fileField?: string;
}

const mediaTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/**
 * F-3, F-6: streams every file of a multipart body into the storage (never a whole file in memory)
 * and collects the text fields. A name with a path is refused before anything is stored; the size
 * limit and the quota stop a file while it arrives. On any failure the files already stored are
 * removed, so nothing is kept from a refused request. The caller removes them if a later step fails.
 */
export async function receiveUploads(
  storage: Storage,
  parts: AsyncIterable<UploadPart>,
  limits: UploadLimits,
): Promise<{ files: ReceivedFile[]; fields: Record<string, string> }> {
  const files: ReceivedFile[] = [];
  const fields: Record<string, string> = {};
  let used = 0;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = String(part.value ?? '');
        if (value.includes('\u0000'))
          throw new AppError('validation-failed', 'Text must not contain NUL characters.', [
            { field: part.fieldname, message: 'Contains a NUL character.' },
          ]);
        fields[part.fieldname] = value;
        continue;
      }
      if (limits.fileField !== undefined && part.fieldname !== limits.fileField) {
        part.file.resume();
        throw new AppError('validation-failed', `Files go in the "${limits.fileField}" field.`, [
          { field: part.fieldname, message: `Not a file field; send files as "${limits.fileField}".` },
        ]);
      }
      const field = `files[${files.length}]`;
      if (files.length >= limits.maxFiles) {
        part.file.resume();
        throw new AppError('payload-too-large', `At most ${limits.maxFiles} files can be sent at once.`, [
          { field, message: 'Too many files' },
        ]);
      }
      let name: string;
      try {
        name = sanitizeFileName(part.filename ?? '', field);
      } catch (err) {
        part.file.resume();
        throw err;
      }
      const quotaLeft = limits.quotaLeft === null ? Number.POSITIVE_INFINITY : limits.quotaLeft - used;
      const maxBytes = Math.max(0, Math.min(limits.fileMaxBytes, quotaLeft));
      let stored: StoredObject;
      try {
        stored = await storage.put(part.file, { maxBytes, prefix: limits.prefix });
      } catch (err) {
        if (err instanceof AppError && err.status === 413) throw tooLarge(name, field, limits, quotaLeft);
        throw err;
      }
      const mediaType = receivedMediaType(
        mediaTypePattern.test(part.mimetype ?? '') ? part.mimetype.toLowerCase() : 'application/octet-stream',
        stored.head,
      );
      files.push({ name, mediaType, stored });
      used += stored.size;
    }
  } catch (err) {
    await discard(storage, files);
    throw err;
  }
  if (files.length === 0 && limits.requireFile !== false)
    throw new AppError('validation-failed', 'Choose at least one file.', [
      { field: 'files', message: 'No file was sent.' },
    ]);
  return { files, fields };
}

/** Removes stored contents of an upload that did not become rows (compensation, STYLE 10). */
export async function discard(storage: Storage, files: ReceivedFile[]): Promise<void> {
  await Promise.all(files.map((f) => storage.delete(f.stored.key).catch(() => undefined)));
}

function tooLarge(name: string, field: string, limits: UploadLimits, quotaLeft: number): AppError {
  if (quotaLeft < limits.fileMaxBytes) {
    return new AppError(
      'payload-too-large',
      `"${name}" does not fit in your company's file space: only ${formatBytes(Math.max(0, quotaLeft))} is left. Delete files you no longer need.`,
      [{ field, message: 'Over the company quota' }],
    );
  }
  return new AppError(
    'payload-too-large',
    `"${name}" is larger than ${formatBytes(limits.fileMaxBytes)}, the limit for one file.`,
    [{ field, message: 'Too large' }],
  );
}
