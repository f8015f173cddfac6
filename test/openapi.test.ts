import SwaggerParser from '@apidevtools/swagger-parser';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { OffsetClock } from '../src/core/clock.js';
import { problemSchema } from '../src/core/openapi.js';
import { testConfig, testDatabase, testStorage } from './db.js';
import { buildCompany, testPassword } from './factories.js';
import { call, expectProblem, setupApp } from './helpers.js';
import { isDeclared, StatusLog, suiteStatusLog } from './status-contract.js';

const { app, ctx } = await setupApp({ passwordMinLength: 11 });

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { $ref?: string; content?: unknown; headers?: Record<string, unknown> }>;
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { headers?: Record<string, unknown>; content?: unknown }> };
};

const doc = (await app.inject('/api/docs/json')).json() as Doc;
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
);
/** The response object, through a `$ref` to components.responses. */
const response = (op: Operation, status: string) => {
  const r = op.responses[status];
  return r?.$ref ? doc.components.responses[r.$ref.split('/').pop() as string] : r;
};
// Answers nothing but its 2xx (and a 500 should the process be broken): nothing a client can get wrong.
const cannotFail = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/v1/licenses/public-key',
  'GET /api/v1/auth/session',
]);

describe('X-1 the OpenAPI document tells the truth', () => {
  it('is a valid OpenAPI document, its $refs (recursive folders, problems) resolved', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(JSON.stringify(doc)).toContain('#/components/schemas/FolderNode');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(80);
  });

  it('every operation declares a success and, unless it cannot fail, a 4xx problem+json', () => {
    for (const { key, op } of operations) {
      expect(
        Object.keys(op.responses).some((s) => /^[23]/.test(s)),
        key,
      ).toBe(true);
      const problems = Object.keys(op.responses).filter((s) => s.startsWith('4'));
      if (!cannotFail.has(key)) expect(problems.length, key).toBeGreaterThan(0);
      for (const s of [...problems, '500'])
        if (op.responses[s])
          expect(response(op, s)?.content, `${key} ${s}`).toHaveProperty(['application/problem+json']);
    }
  });

  it('every public route has security: [], and no other route has', () => {
    const routes = app.registeredRoutes.filter((r) => r.access);
    expect(routes.filter((r) => r.access?.kind === 'public').length).toBeGreaterThan(8);
    for (const r of routes) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.url}`).toBeDefined();
      if (r.access?.kind === 'public') expect(op?.security, `${r.method} ${r.url}`).toEqual([]);
      else expect(op?.security, `${r.method} ${r.url}`).toBeUndefined();
    }
  });

  it('Issue 19: every POST that creates something (answers 201) takes an Idempotency-Key and declares its 422', () => {
    // Not retried by key, for a stated reason: the token's secret is shown once and not stored for a
    // replay; a sign-up is anonymous (no caller to scope a key to) and its e-mail address is unique.
    const exempt = new Set(['POST /api/v1/me/tokens', 'POST /api/v1/auth/signup']);
    type Param = { in: string; name: string; schema?: { maxLength?: number; minLength?: number } };
    const missing = operations
      .filter(({ key, op }) => key.startsWith('POST ') && op.responses['201'] && !exempt.has(key))
      .filter(({ op }) => {
        const p = ((op as { parameters?: Param[] }).parameters ?? []).find(
          (x) => x.in === 'header' && x.name === 'idempotency-key',
        );
        return p?.schema?.maxLength !== 255 || p.schema?.minLength !== 1 || !op.responses['422'];
      })
      .map(({ key }) => key);
    expect(missing).toEqual([]);
    expect(operations.filter(({ key }) => exempt.has(key))).toHaveLength(exempt.size);
  });

  it('no 204 or 304 has content; 429 declares Retry-After, 206 and 416 Content-Range', () => {
    for (const { key, op } of operations) {
      for (const s of ['204', '304']) if (op.responses[s]) expect(op.responses[s]?.content, key).toBeUndefined();
      if (op.responses['429']) expect(response(op, '429')?.headers, key).toHaveProperty(['Retry-After']);
      for (const s of ['206', '416'])
        if (op.responses[s]) expect(response(op, s)?.headers, `${key} ${s}`).toHaveProperty(['Content-Range']);
    }
    expect(doc.paths['/api/v1/me/sessions/{id}']?.delete?.responses['204']).toEqual({ description: 'No content.' });
  });

  it('uploads declare multipart/form-data with their parts; JSON bodies are never nullable', () => {
    for (const path of ['/api/v1/files/company', '/api/v1/staff/files/product-files', '/api/v1/tickets']) {
      const parts = doc.paths[path]?.post?.requestBody?.content['multipart/form-data']?.schema;
      expect(parts, path).toMatchObject({ type: 'object', properties: expect.any(Object) });
    }
    const avatar = doc.paths['/api/v1/profiles/{id}/avatar']?.put?.requestBody?.content['multipart/form-data'];
    expect(avatar?.schema).toMatchObject({ properties: { file: { type: 'string', format: 'binary' } } });
    for (const { key, op } of operations)
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
        expect(media.schema.nullable, `${key} ${type}`).toBeUndefined();
  });

  it('states the rules the server enforces: configured password minimum, time zone and cursor shapes', async () => {
    const body = (path: string, method = 'post') =>
      doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema.properties as Record<
        string,
        { minLength?: number; pattern?: string }
      >;
    expect(body('/api/v1/auth/signup').password?.minLength).toBe(11);
    expect(body('/api/v1/me/password').newPassword?.minLength).toBe(11);
    expect(body('/api/v1/auth/login').password?.minLength).toBe(1); // an existing password is not re-judged
    const tz = body('/api/v1/profiles/{id}', 'patch').timezone?.pattern as string;
    expect(new RegExp(tz).test('America/Argentina/Buenos_Aires')).toBe(true);
    expect(new RegExp(tz).test('../etc')).toBe(false);
    const list = doc.paths['/api/v1/tickets']?.get as unknown as { parameters: { name: string; schema: object }[] };
    const cursor = list.parameters.find((p) => p.name === 'cursor') as { schema: { pattern?: string } } | undefined;
    expect(cursor?.schema.pattern).toBeDefined();
    // And the server holds to them.
    const c = await buildCompany(ctx);
    const short = await call(app, c.primary.auth, 'POST', '/api/v1/me/password', {
      currentPassword: testPassword,
      newPassword: 'Zq8#tw4!kp', // 10 characters
    });
    expect(expectProblem(short, 400, 'validation-failed').errors?.[0]?.field).toBe('newPassword');
    const badZone = await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.primary.id}`, { timezone: '../x' });
    expect(expectProblem(badZone, 400).errors?.[0]?.field).toBe('timezone');
    const badCursor = await call(app, c.primary.auth, 'GET', '/api/v1/tickets?cursor=a.b');
    expect(expectProblem(badCursor, 400).errors?.[0]?.field).toBe('cursor');
  });

  it('problem bodies pass through the declared Problem schema, errors[] and all', async () => {
    const c = await buildCompany(ctx);
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', { email: 'nope', name: '', extra: 1 });
    const body = expectProblem(res, 400, 'validation-failed');
    expect(problemSchema.strict().parse(body)).toEqual(body);
    expect(body.errors?.map((e) => e.field).sort()).toEqual(['email', 'extra', 'name', 'role']);
    const missing = await call(app, c.primary.auth, 'GET', `/api/v1/profiles/${crypto.randomUUID()}`);
    expect(problemSchema.strict().parse(expectProblem(missing, 404, 'not-found'))).toMatchObject({ status: 404 });
  });

  it('the router refusals are problems too: 414 for an over-long path parameter, 400 for bad escapes', async () => {
    const long = await app.inject(`/api/v1/profiles/${'a'.repeat(300)}`);
    expectProblem(long, 414, 'uri-too-long');
    expectProblem(await app.inject('/api/v1/profiles/%zz'), 400, 'bad-request');
    expect(isDeclared(new Set(Object.keys(doc.paths['/api/v1/profiles/{id}']?.get?.responses ?? {})), 414)).toBe(true);
    // A NUL in a query the route does not read is ignored; in one it reads, refused.
    expect((await app.inject('/healthz?x=%00')).statusCode).toBe(200);
  });

  it('a rate-limited answer sends Retry-After, as declared', async () => {
    const limited = await setupApp({ licenseChecksPerKey: 1 });
    const key = 'ABCDEFGHABCDEFGH';
    await call(limited.app, null, 'POST', '/api/v1/licenses/validate', { key });
    const res = await call(limited.app, null, 'POST', '/api/v1/licenses/validate', { key });
    expectProblem(res, 429, 'rate-limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the test-support routes, on a server with the test clock, are in a valid document too', async () => {
    const handle = await testDatabase();
    const testApp = await buildApp({
      config: testConfig({ testClock: true }),
      db: handle.db,
      clock: new OffsetClock(),
      jobs: { kick: async () => {}, stop: async () => {} },
      log: pino({ level: 'silent' }),
      storage: testStorage(),
      mailDomain: 'clientele.test',
    });
    try {
      await testApp.ready();
      const withTestRoutes = testApp.swagger() as unknown as Doc;
      await SwaggerParser.validate(structuredClone(withTestRoutes) as never);
      expect(Object.keys(withTestRoutes.paths['/api/v1/test/jobs/{name}']?.post?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '401', '403', '404']),
      );
    } finally {
      await testApp.close();
    }
  });
});

describe('X-1 the status check of the whole suite', () => {
  it("records what this worker's apps answer, and names each status the document does not declare", async () => {
    const before = suiteStatusLog.size;
    await app.inject('/api/v1/tickets/options'); // 401, declared
    expect(suiteStatusLog.size).toBeGreaterThan(before);
    expect(suiteStatusLog.undeclared()).toEqual([]);

    const log = new StatusLog();
    const record = log.recorder(() => new Map([['GET /api/v1/x/{id}', new Set(['200', '404'])]]));
    record({ method: 'GET', url: '/api/v1/x/:id', status: 200 });
    record({ method: 'GET', url: '/api/v1/x/:id', status: 409 });
    record({ method: 'GET', url: '/api/v1/x/:id', status: 409 });
    record({ method: 'DELETE', url: '/api/v1/x/:id', status: 204 });
    expect(log.undeclared()).toEqual([
      'DELETE /api/v1/x/{id} → 204 (1×), an operation not in the document',
      'GET /api/v1/x/{id} → 409 (2×)',
    ]);
    expect(() => log.assertDeclared()).toThrow(/does not declare 2 status\(es\)[\s\S]*409 \(2×\)/);
    expect(log.size).toBe(0);
  });
});
