import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  LogController,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import secureJson from 'secure-json-parse';
import { z } from 'zod';
import type { AppContext } from './core/context.js';
import { requestMeta } from './core/audit.js';
import { databaseRetryAfterSeconds, isDatabaseUnavailable, outageReporter } from './core/db/index.js';
import { migrationsApplied } from './core/db/migrate.js';
import { AppError, type ErrorCode, type FieldError, toProblem } from './core/errors.js';
import { type Authentication, sendProblemJson } from './core/http.js';
import { problems } from './core/openapi.js';
import { createOpenApiTransform, declareImpliedResponses, openApiTransformObject } from './core/openapi-document.js';
import { projectRoot } from './core/paths.js';
import { type Access, access, enforceAccess } from './core/policy.js';
import { safeEqual } from './core/secrets.js';
import type { ModuleDescriptor } from './core/module.js';
import { authenticate, sessionCookieName } from './modules/auth/index.js';
import { modules as allModules } from './modules.js';
import { testSupportRoutes } from './test-support-routes.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  hasAccess: boolean;
  access?: Access;
}

/** One answer of a route (method, route url as declared, status), for tests that hold them against the document. */
export interface RouteResponse {
  method: string;
  url: string;
  status: number;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const webCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Builds the HTTP app: external plugins, then the core hooks (authentication, access policy, CSRF,
 * problem+json errors), then the module routes, then the web UI. Tests build it with app.inject.
 */
export async function buildApp(
  ctx: AppContext,
  options: {
    logger?: Logger;
    modules?: readonly ModuleDescriptor[];
    onRouteResponse?: (r: RouteResponse) => void;
  } = {},
): Promise<FastifyInstance> {
  const modules = options.modules ?? allModules;
  const app = Fastify({
    loggerInstance: (options.logger ?? ctx.log) as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // One line per request at debug (below), not Fastify's two at info: ~400 bytes a request.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: ctx.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // The router's own refusals (a path parameter past maxParamLength, bad percent-encoding) are
    // problems like every other error, with the statuses the document declares for those routes.
    frameworkErrors: (err, req, reply) => {
      const appErr =
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AppError('uri-too-long', 'A path parameter is too long.')
          : err.code === 'FST_ERR_BAD_URL'
            ? new AppError('bad-request', 'The path is not a valid URL (bad percent-encoding).')
            : toAppError(err);
      if (appErr.status >= 500) req.log.error({ err }, 'request failed');
      return sendProblemJson(reply, appErr.status, toProblem(appErr, req.url.split('?')[0]));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.decorate('modules', modules);
  app.decorateRequest('auth', null as unknown as Authentication);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON bodies: an empty body counts as no body; __proto__ and constructor keys are refused.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(new AppError('malformed-json', 'The request body is not valid JSON.'), undefined);
    }
  });

  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  // Which methods each path answers, for 405 + Allow (RFC 9110) instead of a 404 or another route.
  const methodsByPath = FindMyWay();
  const staticMethods = new Map<string, Set<string>>();
  app.addHook('onRoute', (r) => {
    declareImpliedResponses(r);
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods) {
      if (m === 'HEAD' || m === 'OPTIONS') continue;
      routes.push({ method: m, url: r.url, hasAccess: !!r.config?.access, access: r.config?.access });
      methodsByPath.on(m as HTTPMethod, r.url, () => {});
      if (!r.url.includes(':') && !r.url.includes('*'))
        staticMethods.set(r.url, new Set([...(staticMethods.get(r.url) ?? []), m]));
    }
  });
  const allowedMethods = (path: string): string[] =>
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => methodsByPath.find(m as HTTPMethod, path) !== null);

  await app.register(fastifyCookie);
  // S-4 live chat: upgrades go through the router and every hook above and below (authentication,
  // access, the error handler's problem+json, the 404 handler) before a route's wsHandler takes the
  // socket. The sockets only push, so a client's frame is small.
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) =>
      new AppError('rate-limited', `Too many requests. Try again in ${Math.ceil(c.ttl / 1000)} s.`),
  });
  await app.register(fastifyMultipart, {
    limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 10, headerPairs: 100 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Clientele API',
        version: '1',
        description: 'The customer HelpDesk API. Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName },
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (clt_…)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: createOpenApiTransform({ passwordMinLength: ctx.config.passwordMinLength }),
    transformObject: openApiTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Only when asked (the test suite): every answer of an API route, to check the document declares it.
  const onRouteResponse = options.onRouteResponse;
  if (onRouteResponse)
    app.addHook('onResponse', async (req, reply) => {
      const url = req.routeOptions.url;
      if (url && req.routeOptions.config.access && req.method !== 'HEAD')
        onRouteResponse({ method: req.method, url, status: reply.statusCode });
    });

  // The caller's address for the audit trail: the rest of the request runs inside this context.
  app.addHook('onRequest', (req, _reply, done) => requestMeta.run({ ip: req.ip }, done));

  // Who is calling: one indexed query per request.
  app.addHook('onRequest', async (req) => {
    // A route can say it never looks at sessions or tokens (L-10's license check answers the whole
    // installed base); the 404 handler has no route config and authenticates as usual.
    if (!req.url.startsWith('/api/v1/') || req.routeOptions.config?.session === false) {
      req.auth = { actor: { kind: 'anonymous' }, session: null, via: 'none' };
      return;
    }
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    req.auth = await authenticate(ctx.db, { cookie: req.cookies[sessionCookieName], bearer }, ctx.clock.now());
  });

  // Access policy and CSRF, right after knowing the caller and before the body is even parsed: an
  // anonymous or unauthorised request learns nothing from validation errors (401/403 first).
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/v1/') || !req.routeOptions.url) return; // the 404 handler has no route
    // A static path of other methods caught by a parameter route of this one (PATCH /licenses/validate
    // is not PATCH /licenses/{key}): 405, not that route.
    const path = req.url.split('?')[0] ?? '';
    const exact = staticMethods.get(path);
    if (exact && !exact.has(req.method) && req.routeOptions.url !== path) {
      reply.header('allow', [...exact].join(', '));
      throw new AppError('method-not-allowed', `${path} answers ${[...exact].join(', ')}, not ${req.method}.`);
    }
    const rule = req.routeOptions.config.access;
    enforceAccess(rule, req.auth.actor);
    if (req.auth.via === 'cookie' && unsafeMethods.has(req.method) && rule?.kind !== 'public') {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !req.auth.session || !safeEqual(sent, req.auth.session.csrfToken)) {
        throw new AppError('csrf-failed', 'Send the X-CSRF-Token header with the csrfToken of GET /api/v1/me.');
      }
    }
  });

  // NUL cannot be stored in PostgreSQL text and has no place in a form: refused per field, before validation.
  // Only in the parts the route reads (declares): a query a route ignores cannot fail it.
  app.addHook('preValidation', async (req) => {
    const declared = req.routeOptions.schema ?? {};
    const fields = [
      ...(declared.querystring ? nulFields(req.query, '') : []),
      ...(declared.params ? nulFields(req.params, '') : []),
      ...(declared.body ? nulFields(req.body, '') : []),
    ];
    if (fields.length)
      throw new AppError(
        'validation-failed',
        'Text must not contain NUL characters (\\u0000).',
        fields.map((field) => ({ field, message: 'Contains a NUL character.' })),
      );
  });

  // The database restarting or gone (also in the onRequest hooks): 503, try again in a moment; one
  // warning per outage, not one per request.
  const outage = outageReporter(app.log as Logger);
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.code === 'unavailable') {
      if (isDatabaseUnavailable(err)) outage(err, 'requests answer 503');
      reply.header('retry-after', String(databaseRetryAfterSeconds));
    } else if (appErr.status >= 500) req.log.error({ err }, 'request failed');
    // The rate-limit plugin has set the seconds left in its window; the per-key limits of L-10 count per minute.
    else if (appErr.code === 'rate-limited' && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
    return sendProblemJson(reply, appErr.status, toProblem(appErr, req.url.split('?')[0]));
  });

  app.get(
    '/healthz',
    {
      config: { access: access.public, database: false },
      schema: {
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: access.public },
      schema: {
        tags: ['health'],
        summary: 'Database answers and migrations are applied',
        response: { 200: z.object({ status: z.literal('ready') }), ...problems(503) },
      },
    },
    async (_req, reply) => {
      // Fast during an outage: a refused connection fails at once, an unanswered one after the pool's connect timeout.
      const ready = await migrationsApplied(ctx.db).catch(() => null);
      if (ready) return { status: 'ready' as const };
      reply.header('retry-after', String(databaseRetryAfterSeconds));
      const detail = ready === null ? 'The database does not answer.' : 'Migrations are not applied.';
      return sendProblemJson(reply, 503, toProblem(new AppError('unavailable', detail)));
    },
  );

  await app.register(
    async (api) => {
      for (const m of modules) for (const routes of m.routes) await api.register(routes);
      if (ctx.config.testClock) await api.register(testSupportRoutes);
    },
    { prefix: '/api/v1' },
  );

  const webRoot = path.join(projectRoot(), 'dist', 'web');
  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  // A page of the web app (/tickets/12, /staff/licenses/…/history: a GET outside /api with no file
  // extension) is served index.html here; it is no miss, so the limit that guards against scanning
  // leaves it alone: a person opening many pages (300 a minute from one address in the screens
  // journey) must not get 429s.
  const isWebPage = (req: FastifyRequest) => {
    const path = req.url.split('?')[0] ?? '';
    return (
      hasWeb &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      !path.startsWith('/api/') &&
      path !== '/api' &&
      !/\.[^/]*$/.test(path)
    );
  };
  app.setNotFoundHandler(
    {
      preHandler: app.rateLimit
        ? app.rateLimit({ max: 300, timeWindow: '1 minute', allowList: (req) => isWebPage(req) })
        : undefined,
    },
    (req, reply) => {
      const isApi = req.url.startsWith('/api/') || req.url === '/api';
      if (!isApi && hasWeb && (req.method === 'GET' || req.method === 'HEAD')) {
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      }
      const path = req.url.split('?')[0] ?? '';
      const allow = allowedMethods(path);
      if (isApi && allow.length) {
        reply.header('allow', allow.join(', '));
        return sendProblemJson(
          reply,
          405,
          toProblem(new AppError('method-not-allowed', `${path} answers ${allow.join(', ')}, not ${req.method}.`)),
        );
      }
      return sendProblemJson(reply, 404, toProblem(new AppError('not-found', `No route ${req.method} ${path}.`)));
    },
  );

  app.addHook('onResponse', async (req, reply) => {
    req.log.debug(
      { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // The SPA loads only its own scripts; Mantine needs inline styles. Swagger UI brings its own.
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !req.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', webCsp);
    }
  });

  return app as unknown as FastifyInstance;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_REQ_FILE_TOO_LARGE: 'payload-too-large',
  FST_PARTS_LIMIT: 'payload-too-large',
  FST_FILES_LIMIT: 'payload-too-large',
  FST_FIELDS_LIMIT: 'payload-too-large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported-media-type',
  FST_PROTO_VIOLATION: 'bad-request',
};

/** The paths of the strings (and keys) under `value` that hold a NUL character. */
function nulFields(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path || 'body'] : [];
  if (!value || typeof value !== 'object' || depth > 20 || Buffer.isBuffer(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    return k.includes('\u0000') ? [at] : nulFields(v, at, depth + 1);
  });
}

const multipartFaults =
  /^(Multipart: Boundary not found|Unexpected end of (multipart )?(data|form)|Part terminated early|Malformed part header|Malformed urlencoded form)/;

/** Turns any error into an AppError; unknown errors become a generic 500 without internals. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err))
    return new AppError('unavailable', 'The database does not answer. Try again in a few seconds.');
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const fields: FieldError[] = err.validation.flatMap((v) => {
      const params = v.params as { keys?: string[] } | undefined;
      const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      if (v.keyword === 'unrecognized_keys' && params?.keys?.length) {
        return params.keys.map((k) => ({
          field: base ? `${base}.${k}` : k,
          message: 'Unknown field; it is not accepted here.',
        }));
      }
      return [{ field: base || where || 'body', message: v.message ?? 'Invalid value' }];
    });
    if (
      where === 'body' &&
      fields.length === 1 &&
      fields[0]?.field === 'body' &&
      err.validation[0]?.keyword === 'invalid_type'
    ) {
      return new AppError('validation-failed', 'A JSON body is required.', fields);
    }
    return new AppError('validation-failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  }
  const e = err as { code?: string; statusCode?: number; message?: string };
  // busboy (under @fastify/multipart) throws plain errors for a broken multipart body: the client's fault.
  if (e.message && multipartFaults.test(e.message))
    return new AppError(
      'bad-request',
      `The multipart body is malformed (${e.message}). Send it again as multipart/form-data.`,
    );
  // PostgreSQL refusing a character or a byte sequence (NUL in text, bad UTF-8): the input's fault.
  if (e.code === '22021' || e.code === '22P05')
    return new AppError('bad-request', 'The request holds characters that cannot be stored.');
  // A reference to a row that does not exist (a foreign key the checks before it did not catch).
  if (e.code === '23503') return new AppError('bad-request', 'The request refers to something that does not exist.');
  if (e.code && fastifyCodes[e.code]) return new AppError(fastifyCodes[e.code] as ErrorCode, e.message);
  if (e.statusCode === 429) return new AppError('rate-limited');
  if (e.statusCode === 413) return new AppError('payload-too-large');
  if (e.statusCode === 415) return new AppError('unsupported-media-type');
  if (e.statusCode === 404) return new AppError('not-found');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('bad-request', e.message);
  return new AppError('internal');
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}
