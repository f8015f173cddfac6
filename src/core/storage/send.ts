import type { FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import { contentDisposition, isInlineSafe, parseRange } from './files.js';
import type { Storage } from './index.js';

export interface FileToSend {
  key: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** Types a browser would run or render as a page: always sent as opaque bytes. */
const activeTypes =
  /^(text\/html|application\/xhtml|image\/svg|text\/xml|application\/xml|text\/javascript|application\/javascript)/i;

/**
 * F-3/F-6: streams a stored file with the right type and disposition, resumable with HTTP Range
 * (206, or 416 past the end). Only allow-listed images are inline; SVG and HTML never render.
 */
export async function sendStoredFile(
  reply: FastifyReply,
  storage: Storage,
  file: FileToSend,
  rangeHeader: string | undefined,
  ifNoneMatch?: string,
): Promise<FastifyReply> {
  const inline = isInlineSafe(file.mediaType, file.name);
  const type = activeTypes.test(file.mediaType)
    ? 'application/octet-stream'
    : file.mediaType || 'application/octet-stream';
  const etag = `"${file.sha256}"`;
  reply
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .header('cache-control', 'private, max-age=0, must-revalidate')
    .header('content-disposition', contentDisposition(file.name, inline))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox");
  if (ifNoneMatch && ifNoneMatch === etag) return reply.code(304).send();
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.size}`);
    throw new AppError(
      'range-not-satisfiable',
      `The file has ${file.size} bytes; the requested range is past its end.`,
    );
  }
  if ((await storage.size(file.key)) === null) throw new AppError('not-found', 'The file content is missing.');
  reply.type(type);
  if (range) {
    reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
      .header('content-length', range.end - range.start + 1);
    return reply.send(storage.read(file.key, range));
  }
  reply.header('content-length', file.size);
  return reply.send(storage.read(file.key));
}
