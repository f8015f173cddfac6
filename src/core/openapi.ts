import type { Readable } from 'node:stream';
import { z } from 'zod';
import { type ErrorCode, errorCodes, type Problem } from './errors.js';

/**
 * What a route declares in its schema beyond its request and 2xx shapes (X-1): the problems it can
 * answer, a 204 without a body, a file download, a multipart upload. The document is produced from
 * these declarations by core/openapi-document.ts; the statuses every route shares (401/403 from its
 * access rule, 400/413/415 from its inputs, 500) are added there, so a route lists only its own.
 */

/**
 * Names a zod schema as an OpenAPI component (`#/components/schemas/<id>`). A recursive schema
 * must be one, or the document points at a component that does not exist. Re-registering an id
 * (a module evaluated twice in one process, as test runners may do) replaces the earlier schema.
 */
export function component<T extends z.ZodType>(schema: T, id: string): T {
  const earlier = z.globalRegistry._idmap.get(id);
  if (earlier) z.globalRegistry.remove(earlier);
  z.globalRegistry.add(schema, { id });
  return schema;
}

const codes = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

export const fieldErrorSchema = component(
  z.object({
    field: z.string().describe('The field, as a dotted path ("email", "licenses.0"); "body" for the body as a whole.'),
    message: z.string(),
  }),
  'FieldError',
);

/** RFC 9457 problem details, as toProblem (core/errors.ts) builds them; key order as sent. */
export const problemSchema = component(
  z.object({
    type: z.string().describe('A URI reference naming the problem type: /problems/<code>.'),
    title: z.string().describe('A short summary of the problem type, the same for every occurrence.'),
    status: z.number().int().describe('The HTTP status code.'),
    code: z.enum(codes).describe('The stable error code (also the last segment of type).'),
    detail: z.string().optional().describe('What went wrong this time, for people.'),
    instance: z.string().optional().describe('The path of the request.'),
    errors: z.array(fieldErrorSchema).optional().describe('One entry per invalid field (validation-failed).'),
  }),
  'Problem',
);

// Every problem the error handler sends is serialized with this schema (it is declared for the
// status): a body it refused would go out as Fastify's bare 500. Keep toProblem's type within it.
const fitsProblemSchema = (p: Problem): z.input<typeof problemSchema> => p;
void fitsProblemSchema;

export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 414 | 415 | 416 | 422 | 423 | 429 | 500 | 503;

/** The response headers of a status, as OpenAPI header schemas (copied into the document as they are). */
const problemHeaders: Partial<Record<ProblemStatus, Record<string, Record<string, unknown>>>> = {
  429: {
    'Retry-After': { type: 'integer', minimum: 0, description: 'Seconds to wait before trying again.' },
  },
  416: { 'Content-Range': { type: 'string', description: 'bytes */<size of the file>' } },
  405: { Allow: { type: 'string', description: 'The methods this path answers' } },
  503: {
    'Retry-After': { type: 'integer', minimum: 0, description: 'Seconds to wait before trying again.' },
  },
};

export interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: typeof problemSchema } };
  headers?: Record<string, Record<string, unknown>>;
}

/** "The request cannot be processed. (bad-request)" for every code with this status. */
function describeStatus(status: ProblemStatus): string {
  const titles = Object.entries(errorCodes)
    .filter(([, e]) => e.status === status)
    .map(([code, e]) => `${e.title} (${code})`);
  return titles.join(' / ') || 'Problem';
}

function problemResponse(status: ProblemStatus): ProblemResponse {
  const headers = problemHeaders[status];
  return {
    description: describeStatus(status),
    content: { 'application/problem+json': { schema: problemSchema } },
    ...(headers ? { headers } : {}),
  };
}

/**
 * The problem+json responses a route can give, for its `schema.response`:
 * `response: { 200: s.ticketSchema, ...problems(404, 409) }`. List what the route's own code can
 * throw (404 for a lookup that can miss, 409 and 422 from its use cases); the statuses of its access
 * rule and inputs are added to every route (core/openapi-document.ts). 429 and 503 declare Retry-After.
 */
export function problems<S extends ProblemStatus>(...statuses: S[]): Record<S, ProblemResponse> {
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(s)])) as Record<S, ProblemResponse>;
}

/** A 204 (or 304): sent without a body; the handler sends null, the document says "no content". */
export const noContent = z.null().describe('No content.');

/**
 * A file's bytes in a response or a multipart part (type string, format binary). Never validated or
 * serialized: handlers send a stream, a buffer or a string with its own content type.
 */
export const binary = z.custom<Readable | Buffer | string>(() => true).meta({ type: 'string', format: 'binary' });

/**
 * A body other than JSON: the file of a download (F-3) or a text document; `mediaType` is what the
 * server sends, `*\/*` when it is the stored file's own type. Never serialized: the handler sends a
 * stream, a buffer or a string with its own content type.
 */
export function fileResponse(description: string, mediaType = '*/*', schema: z.ZodType = binary) {
  return { description, content: { [mediaType]: { schema } } };
}

/** A stored file sent by sendStoredFile (core/storage/send.ts): whole, a Range of it, or not modified. */
export function downloadResponses(what: string) {
  return {
    200: fileResponse(`${what}, with its own media type (active types as application/octet-stream).`),
    206: {
      ...fileResponse(`The requested Range of ${what.toLowerCase()}.`),
      headers: { 'Content-Range': { type: 'string', description: 'bytes <start>-<end>/<size>' } },
    },
    304: z.undefined().describe('Not modified: If-None-Match matched the ETag (the SHA-256 of the file).'),
    ...problems(404, 416),
  };
}

/** Marks a new-password field; the document gives it the installation's minimum length. */
export const newPasswordMark = 'x-clientele-new-password';

/**
 * A new password (A-7). The use case checks the length with config.passwordMinLength (with the rules
 * that need the person's name and e-mail), so the schema keeps its own minimum of 1; the OpenAPI
 * document states the configured minimum (core/openapi-document.ts).
 */
export function asNewPassword<T extends z.ZodString>(schema: T): T {
  return schema.meta({ [newPasswordMark]: true }) as T;
}

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The parts of a multipart/form-data body, for the document only: the route reads them itself
     * (receiveUploads) and checks its text fields with the same zod schema. File parts are `binary`.
     */
    multipart?: z.ZodType;
  }
}
