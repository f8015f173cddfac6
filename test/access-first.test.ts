import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff } from './factories.js';
import { call, expectProblem, setupApp } from './helpers.js';

const { app, ctx } = await setupApp();

describe('access is checked before the body (issue 10.4)', () => {
  it('A-2 an anonymous request with a bad body is 401, not a 400 that lists the fields', async () => {
    const res = await call(app, null, 'POST', '/api/v1/staff/licenses', {});
    expectProblem(res, 401, 'unauthenticated');
    expect(JSON.stringify(res.json())).not.toContain('productId');
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: '{"type": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(malformed, 401, 'unauthenticated');
  });

  it('A-2 a customer calling a staff route with a bad body is 403; one allowed to call it gets the 400', async () => {
    const c = await buildCompany(ctx);
    expectProblem(await call(app, c.primary.auth, 'POST', '/api/v1/staff/licenses', { nope: 1 }), 403, 'forbidden');
    // A secondary may not edit the company: refused before its body is looked at.
    expectProblem(await call(app, c.secondary.auth, 'PATCH', '/api/v1/company', { name: '' }), 403, 'forbidden');
    const ok = await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { name: '' });
    expectProblem(ok, 400, 'validation-failed');
  });
});

describe('an unsupported method (issue 10: 405 with Allow, RFC 9110)', () => {
  it('X-1 a method a path does not answer is 405 with Allow, not 404 and not another route', async () => {
    const res = await call(app, null, 'DELETE', '/api/v1/auth/login');
    expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.allow).toBe('POST');
    const c = await buildCompany(ctx);
    // PATCH /licenses/validate is not PATCH /licenses/{key} with the key "validate".
    const shadowed = await call(app, c.primary.auth, 'PATCH', '/api/v1/licenses/validate', { holderStatus: 'test' });
    expectProblem(shadowed, 405, 'method-not-allowed');
    expect(shadowed.headers.allow).toBe('POST');
    const license = await call(app, c.primary.auth, 'PUT', '/api/v1/licenses/CLT-NOPE');
    expectProblem(license, 405, 'method-not-allowed');
    expect(license.headers.allow?.split(', ').sort()).toEqual(['GET', 'PATCH']);
    expectProblem(await call(app, null, 'GET', '/api/v1/no-such-thing'), 404, 'not-found');
  });
});

describe('edges the schema-driven fuzzer found (issue 10)', () => {
  it('A-1 one e-mail check everywhere: a domain label ending in "-" is refused for profiles, staff users and the billing address', async () => {
    const bad = 'fuzz.h@mail-.example.com';
    const c = await buildCompany(ctx);
    const profile = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
      name: 'Fuzz',
      email: bad,
      role: 'secondary',
    });
    expect(expectProblem(profile, 400, 'validation-failed').errors?.[0]?.field).toBe('email');
    const billing = await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { billingEmail: bad });
    expect(expectProblem(billing, 400, 'validation-failed').errors?.[0]?.field).toBe('billingEmail');
    const admin = await buildStaff(ctx, 'admin');
    const staff = await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
      name: 'Fuzz',
      email: bad,
      role: 'agent',
      password: 'A long enough secret 42',
    });
    expect(expectProblem(staff, 400, 'validation-failed').errors?.[0]?.field).toBe('email');
    const fine = await call(app, c.primary.auth, 'PATCH', '/api/v1/company', {
      billingEmail: 'billing@mail-x.example.com',
    });
    expect(fine.statusCode).toBe(200);
  });

  it('T-16 a canned reply with an empty department is for every department, and an unknown one is a 400, never a 500', async () => {
    const head = await buildStaff(ctx, 'department_head');
    const empty = await call(app, head.auth, 'POST', '/api/v1/staff/canned-replies', {
      title: 't',
      body: 'b',
      department: '',
    });
    expect(empty.statusCode).toBe(201);
    expect(empty.json().department).toBeNull();
    const unknown = await call(app, head.auth, 'POST', '/api/v1/staff/canned-replies', {
      title: 't',
      body: 'b',
      department: 'nope',
    });
    expect(expectProblem(unknown, 400, 'validation-failed').errors?.[0]?.field).toBe('department');
  });
});

describe('the audit trail (X-3)', () => {
  it('X-3 a change made through the API records the caller’s address, even where the use case does not pass it', async () => {
    const c = await buildCompany(ctx);
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/company',
      payload: { name: 'Audited Ltd' },
      remoteAddress: '203.0.113.7',
      headers: {
        cookie: `clientele_session=${c.primary.auth.cookie}`,
        'x-csrf-token': c.primary.auth.csrf ?? '',
        'content-type': 'application/json',
      },
    });
    expect(res.statusCode).toBe(200);
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select(['ip', 'action'])
      .where('company_id', '=', c.id)
      .where('action', 'like', 'company.%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.ip).toBe('203.0.113.7');
  });
});
