import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { idempotencyHeaders } from './idempotency.js';
import { newPasswordMark, type ProblemStatus, problems } from './openapi.js';

/**
 * Turns the route declarations into the OpenAPI document and adds to every route what all
 * routes share, so that the document says what the server does (checked by test/openapi.test.ts,
 * and by the status check of the whole suite, test/status-contract.ts).
 */

type Json = Record<string, unknown>;
const bodyMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const noBodyStatuses = new Set(['204', '304']);

/**
 * For the app's onRoute hook: the responses and security every API route has by its access rule and
 * inputs, merged under what the route declares itself:
 * - 500 on every route (an unexpected error, reported without internals);
 * - 400 when it has params, a query, a body or takes one (malformed JSON, NUL characters, the schemas);
 * - 413 and 415 when its method takes a body (Fastify reads any body it is sent);
 * - 405 and 414 when its path has a parameter (a static path of other methods it would catch; a value
 *   longer than the router's maxParamLength);
 * - 401 unless public; 403 for a profile or staff rule (enforceAccess) and for a method that needs
 *   the CSRF token with a session cookie; public routes get `security: []`;
 * - 429 when it has a rate limit (config.rateLimit, even if this installation turned limits off);
 * - 422 when it takes an Idempotency-Key (a key reused for another request);
 * - 503 with Retry-After while the database does not answer (issue 19.1), unless the route says it
 *   never queries it (`config.database: false`).
 */
export function declareImpliedResponses(route: RouteOptions): void {
  const rule = route.config?.access;
  if (!rule) return; // not an API route (the documentation UI)
  const takesBody = [route.method].flat().some((m) => bodyMethods.has(m));
  const schema: FastifySchema = route.schema ?? {};
  const implied: ProblemStatus[] = [500];
  if (takesBody || schema.params || schema.querystring || schema.body || schema.multipart) implied.push(400);
  if (takesBody) implied.push(413, 415);
  // A parameter in the path: too long a value (414), or a static path of other methods it shadows (405).
  if (route.url.includes(':')) implied.push(405, 414);
  if (rule.kind !== 'public') implied.push(401);
  if (rule.kind === 'profile' || rule.kind === 'staff' || (rule.kind === 'signed-in' && takesBody)) implied.push(403);
  if (route.config && 'rateLimit' in route.config) implied.push(429);
  // An Idempotency-Key reused for another request (issue 19).
  if (schema.headers === idempotencyHeaders) implied.push(422);
  if (route.config?.database !== false) implied.push(503);
  route.schema = {
    ...schema,
    ...(rule.kind === 'public' && !schema.security ? { security: [] } : {}),
    response: { ...problems(...implied), ...(schema.response as object | undefined) },
  };
}

const isContentMap = (x: unknown): x is { content: Record<string, { schema: unknown }> } =>
  !!x && typeof x === 'object' && 'content' in x && !!(x as { content?: unknown }).content;

/** Copies `value` with every new-password field given the installation's minimum length. */
function withPasswordRule(value: unknown, minLength: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withPasswordRule(v, minLength));
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) if (k !== newPasswordMark) out[k] = withPasswordRule(v, minLength);
  if ((value as Json)[newPasswordMark]) {
    out.minLength = minLength;
    out.description = `At least ${minLength} characters, not containing your e-mail name or your name, not a common password (A-7).`;
  }
  return out;
}

/**
 * The per-route transform: fastify-type-provider-zod's jsonSchemaTransform, plus what it does not
 * do: a body declared per media type (`body: { content: { 'application/json': { schema } } }`), the
 * `multipart` parts of an upload, response headers (Retry-After), 204/304 without content, and the
 * configured password minimum.
 */
export function createOpenApiTransform(options: { passwordMinLength: number }): SwaggerTransform {
  return (document) => {
    const { schema } = document;
    if (!schema) return jsonSchemaTransform(document);
    const { body, multipart, response, ...rest } = schema;
    const toJson = (zod: unknown) => (jsonSchemaTransform({ ...document, schema: { body: zod } }).schema as Json).body;
    const responses = (response ?? {}) as Record<string, unknown>;
    const out = jsonSchemaTransform({
      ...document,
      schema: {
        ...rest,
        ...(body && !isContentMap(body) ? { body } : {}),
        ...(response ? { response: responses } : {}),
      },
    });
    if ((out.schema as Json).hide) return out;
    const result = out.schema as Json;
    if (isContentMap(body) || multipart) {
      const content: Json = {};
      if (isContentMap(body))
        for (const [type, c] of Object.entries(body.content)) content[type] = { schema: toJson(c.schema) };
      else if (body) content['application/json'] = { schema: result.body };
      if (multipart) content['multipart/form-data'] = { schema: toJson(multipart) };
      result.body = { content };
    }
    const outResponses = result.response as Record<string, Json> | undefined;
    for (const [status, declared] of Object.entries(responses)) {
      if (!outResponses) break;
      const d = declared as { description?: string; headers?: Json };
      if (noBodyStatuses.has(status)) {
        outResponses[status] = { type: 'null', description: d.description ?? 'No content.' };
        continue;
      }
      if (d.headers) outResponses[status] = { ...outResponses[status], headers: d.headers };
    }
    return { url: out.url, schema: withPasswordRule(result, options.passwordMinLength) as FastifySchema };
  };
}

/** Collects `$ref` targets under `value`. */
function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsIn(v, into);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/'))
        into.add(v.slice('#/components/schemas/'.length));
      else refsIn(v, into);
    }
  return into;
}

const responseNames: Record<string, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  414: 'UriTooLong',
  415: 'UnsupportedMediaType',
  416: 'RangeNotSatisfiable',
  422: 'Unprocessable',
  423: 'Locked',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'Unavailable',
};

/**
 * The problem responses every operation repeats become `#/components/responses/<Name>`, referred to
 * by the operations (one description of a status instead of one per route). A response that differs
 * from the shared one of its status stays inline.
 */
function shareProblemResponses(paths: Record<string, Record<string, { responses?: Record<string, Json> }>>) {
  const shared: Record<string, Json> = {};
  for (const ops of Object.values(paths))
    for (const op of Object.values(ops)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const name = responseNames[status];
        const content = response.content as Json | undefined;
        if (!name || !content || Object.keys(content).join() !== 'application/problem+json') continue;
        shared[name] ??= response;
        if (JSON.stringify(shared[name]) === JSON.stringify(response) && op.responses)
          op.responses[status] = { $ref: `#/components/responses/${name}` };
      }
    }
  // In the order of the statuses, as the operations list them.
  return Object.fromEntries(Object.values(responseNames).flatMap((n) => (shared[n] ? [[n, shared[n]]] : [])));
}

/**
 * The whole-document transform: the zod components (`component()` in core/openapi.ts), keeping only
 * those the operations use (zod emits an input and an output variant of each), and the shared
 * problem responses.
 */
export const openApiTransformObject: SwaggerTransformObject = (documentObject) => {
  const doc = jsonSchemaTransformObject(documentObject) as Json & {
    paths: Parameters<typeof shareProblemResponses>[0];
    components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
  };
  const responses = shareProblemResponses(doc.paths);
  const schemas = doc.components?.schemas ?? {};
  const used = refsIn([doc.paths, responses], new Set());
  // Components refer to components (Problem → FieldError, FolderNode → itself): follow them.
  for (let queue = [...used]; queue.length; ) {
    const next = queue.pop() as string;
    for (const r of refsIn(schemas[next], new Set()))
      if (!used.has(r)) {
        used.add(r);
        queue.push(r);
      }
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([id]) => used.has(id)));
  return {
    ...doc,
    components: { ...doc.components, schemas: kept, responses: { ...doc.components?.responses, ...responses } },
  } as ReturnType<SwaggerTransformObject>;
};
