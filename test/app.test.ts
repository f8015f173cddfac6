import { describe, expect, it } from 'vitest';
import { buildCompany, uniq } from './factories.js';
import { call, expectProblem, setupApp } from './helpers.js';

const { app, ctx } = await setupApp();

describe('the HTTP surface', () => {
  it('Y GET /healthz answers while the process is up and /readyz when migrations are applied', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('X-1 serves the OpenAPI document at /api/docs with every API route', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/profiles/{id}', '/api/v1/staff/audit'])
      expect(doc.paths).toHaveProperty([path]);
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'email',
      'password',
    ]);
    const ui = await app.inject('/api/docs');
    // Swagger UI serves its page at the prefix itself (no redirect to a trailing slash).
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
  });

  it('X-4 an unknown API path is a problem+json 404, and security headers are set', async () => {
    const res = await app.inject('/api/v1/no-such-thing');
    expectProblem(res, 404, 'not-found');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('X-4 a 500 never sends internal details', async () => {
    const c = await buildCompany(ctx);
    // Break the database for this one request: a company id that violates nothing but a dropped table would.
    await ctx.db.schema.alterTable('companies').renameTo('companies_away').execute();
    try {
      const res = await call(app, c.primary.auth, 'GET', '/api/v1/company');
      const p = expectProblem(res, 500, 'internal');
      expect(JSON.stringify(p)).not.toMatch(/companies|relation|sql|stack/i);
    } finally {
      await ctx.db.schema.alterTable('companies_away').renameTo('companies').execute();
    }
  });
});

describe('rate limits', async () => {
  const limited = await setupApp({ rateLimit: true });
  it('A-5 log-in attempts from one address are rate-limited with a 429 problem', async () => {
    let last = await call(limited.app, null, 'POST', '/api/v1/auth/login', {
      email: `r-${uniq()}@example.com`,
      password: 'whatever1',
    });
    for (let i = 0; i < 40 && last.statusCode !== 429; i++) {
      last = await call(limited.app, null, 'POST', '/api/v1/auth/login', {
        email: `r-${uniq()}@example.com`,
        password: 'whatever1',
      });
    }
    expectProblem(last, 429, 'rate-limited');
    expect(last.headers['retry-after']).toBeDefined();
  });
});
