import { describe, expect, it } from 'vitest';
import { buildCompany, mailTo, testPassword, uniq } from '../../../test/factories.js';
import { call, expectProblem, logInAs, setupApp } from '../../../test/helpers.js';

const { app, ctx } = await setupApp();
const strong = 'Plenty long secret 9';
const countProfiles = async (companyId: string) =>
  Number((await ctx.db.selectFrom('profiles').select((eb) => eb.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow()).n);

describe('profiles of a company', () => {
  it('A-1 an e-mail is unique across the whole system, whatever its case', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const res = await call(app, b.primary.auth, 'POST', '/api/v1/profiles', { email: a.secondary.email.toUpperCase(), name: 'Copy Cat', role: 'secondary' });
    expect(expectProblem(res, 409, 'email-taken').errors?.[0]?.field).toBe('email');
    const re = await call(app, b.primary.auth, 'POST', `/api/v1/profiles/${b.secondary.id}/re-register`, { email: a.primary.email, name: 'Copy Cat' });
    expectProblem(re, 409, 'email-taken');
  });

  it('A-1 a company keeps exactly one primary: it cannot be created, disabled, re-registered or demoted', async () => {
    const c = await buildCompany(ctx);
    expectProblem(await call(app, c.primary.auth, 'POST', '/api/v1/profiles', { email: `p-${uniq()}@example.com`, name: 'Second Boss', role: 'primary' }), 400);
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.primary.id}/disable`), 422);
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.primary.id}/re-register`, { email: `p-${uniq()}@example.com`, name: 'New Boss' }), 422);
    expectProblem(await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.primary.id}`, { role: 'secondary' }), 403);
    const primaries = await ctx.db.selectFrom('profiles').select('id').where('company_id', '=', c.id).where('role', '=', 'primary').execute();
    expect(primaries.map((p) => p.id)).toEqual([c.primary.id]);
  });

  it('A-2 every role lists the company’s profiles, with role, status and lock mark', async () => {
    const c = await buildCompany(ctx);
    for (const who of [c.primary, c.advanced, c.secondary]) {
      const res = await call(app, who.auth, 'GET', '/api/v1/profiles');
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { id: string; role: string; status: string; locked: boolean }[];
      expect(items.map((p) => p.id).sort()).toEqual([c.primary.id, c.advanced.id, c.secondary.id].sort());
      expect(items[0]).toMatchObject({ role: 'primary', status: 'active', locked: false });
      expect(JSON.stringify(items)).not.toMatch(/password|hash|failed/i);
    }
  });

  it('A-2 only the primary creates profiles; the person logs in with the given password', async () => {
    const c = await buildCompany(ctx);
    const body = { email: `n-${uniq()}@example.com`, name: 'Nico New', role: 'advanced', phone: '+1 555 0101', jobTitle: 'Dev', password: strong };
    expectProblem(await call(app, c.advanced.auth, 'POST', '/api/v1/profiles', body), 403, 'forbidden');
    expectProblem(await call(app, c.secondary.auth, 'POST', '/api/v1/profiles', body), 403, 'forbidden');
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ companyId: c.id, role: 'advanced', phone: '+1 555 0101', jobTitle: 'Dev' });
    const me = await call(app, await logInAs(app, body.email, strong), 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ role: 'advanced', company: { id: c.id } });
  });

  it('A-8 a profile created without a password gets an invitation link to choose one', async () => {
    const c = await buildCompany(ctx);
    const email = `inv-${uniq()}@example.com`;
    expect((await call(app, c.primary.auth, 'POST', '/api/v1/profiles', { email, name: 'Ivy Invited', role: 'secondary' })).statusCode).toBe(201);
    expectProblem(await call(app, null, 'POST', '/api/v1/auth/login', { email, password: strong }), 401);
    const mail = (await mailTo(ctx, email))[0];
    expect(mail?.kind).toBe('invitation');
    const token = decodeURIComponent(mail?.text_body.match(/token=([\w%-]+)/)?.[1] ?? '');
    expect((await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password: strong })).statusCode).toBe(200);
    expect((await call(app, null, 'POST', '/api/v1/auth/login', { email, password: strong })).statusCode).toBe(200);
  });

  it('A-7 a weak password at creation is refused with a per-field error and nothing is written', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', { email: `w-${uniq()}@example.com`, name: 'Wes Weak', role: 'secondary', password: 'qwerty123' });
    expect(expectProblem(res, 400, 'validation-failed').errors?.map((e) => e.field)).toEqual(['password']);
    expect(await countProfiles(c.id)).toBe(before);
  });

  it('A-8 everyone edits their own contact data and mail switches; a secondary cannot change its role', async () => {
    const c = await buildCompany(ctx);
    const change = { name: 'Sid S. Second', phone: '+44 20 7946 0000', jobTitle: 'Ops', timezone: 'Europe/London', notifyTickets: false, newsSecurity: false, newsProduct: true };
    const res = await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, change);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(change);
    expectProblem(await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { role: 'advanced' }), 403);
    expectProblem(await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { timezone: 'Mars/Olympus' }), 400);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', c.secondary.id).where('action', '=', 'profile.updated').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: 'Sid Secondary' });
    expect(audit.after).toMatchObject({ name: 'Sid S. Second', news_product: true });
  });

  it('A-2 only the primary edits other profiles and changes their role', async () => {
    const c = await buildCompany(ctx);
    expectProblem(await call(app, c.advanced.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { name: 'Nope' }), 403);
    const res = await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { name: 'Promoted Person', role: 'advanced' });
    expect(res.json()).toMatchObject({ name: 'Promoted Person', role: 'advanced' });
    const me = await call(app, c.secondary.auth, 'GET', '/api/v1/me');
    expect(me.json().permissions).toContain('shop.buy');
  });

  it('A-2 another company cannot see or touch a profile: 404, as if it did not exist', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const id = a.secondary.id;
    expectProblem(await call(app, b.primary.auth, 'GET', `/api/v1/profiles/${id}`), 404, 'not-found');
    expectProblem(await call(app, b.primary.auth, 'PATCH', `/api/v1/profiles/${id}`, { name: 'Hacked' }), 404);
    expectProblem(await call(app, b.primary.auth, 'POST', `/api/v1/profiles/${id}/disable`), 404);
    expectProblem(await call(app, b.primary.auth, 'POST', `/api/v1/profiles/${id}/re-register`, { email: `h-${uniq()}@example.com`, name: 'Hacker' }), 404);
    expectProblem(await call(app, b.primary.auth, 'POST', `/api/v1/profiles/${id}/unlock`), 404);
    const missing = await call(app, b.primary.auth, 'GET', '/api/v1/profiles/00000000-0000-4000-8000-000000000000');
    expect(missing.body.replace(/"instance":"[^"]*"/, '')).toBe(
      (await call(app, b.primary.auth, 'GET', `/api/v1/profiles/${id}`)).body.replace(/"instance":"[^"]*"/, ''),
    );
    const row = await ctx.db.selectFrom('profiles').select(['name', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Sid Secondary', status: 'active' });
  });
});

describe('disable and re-register (A-4)', () => {
  it('A-4 a disabled profile can no longer log in, its sessions end, and it stays listed with its history', async () => {
    const c = await buildCompany(ctx);
    await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { jobTitle: 'Before' });
    expectProblem(await call(app, c.advanced.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`), 403);
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`);
    expect(res.json().status).toBe('disabled');
    expectProblem(await call(app, c.secondary.auth, 'GET', '/api/v1/me'), 401);
    expectProblem(await call(app, null, 'POST', '/api/v1/auth/login', { email: c.secondary.email, password: testPassword }), 401, 'invalid-credentials');
    const list = (await call(app, c.primary.auth, 'GET', '/api/v1/profiles')).json().items as { id: string; status: string }[];
    expect(list.find((p) => p.id === c.secondary.id)?.status).toBe('disabled');
    const history = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', c.secondary.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['profile.updated', 'profile.disabled']);
  });

  it('A-4 a disabled profile receives no mail (no password-reset link)', async () => {
    const c = await buildCompany(ctx);
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/disable`);
    expect((await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email })).statusCode).toBe(202);
    expect(await mailTo(ctx, c.advanced.email)).toHaveLength(0);
  });

  it('A-4 re-registering hands the profile to another person: enabled, old access gone, history kept', async () => {
    const c = await buildCompany(ctx);
    const { secret } = (await call(app, c.secondary.auth, 'POST', '/api/v1/me/tokens', { name: 'old' })).json();
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`);
    const email = `next-${uniq()}@example.com`;
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/re-register`, { email, name: 'Rita Next', phone: '+1 555 0123', password: strong });
    expect(res.json()).toMatchObject({ id: c.secondary.id, email, name: 'Rita Next', status: 'active', role: 'secondary' });
    expectProblem(await call(app, c.secondary.auth, 'GET', '/api/v1/me'), 401);
    expectProblem(await call(app, { bearer: secret }, 'GET', '/api/v1/me'), 401);
    expectProblem(await call(app, null, 'POST', '/api/v1/auth/login', { email: c.secondary.email, password: testPassword }), 401);
    expect((await call(app, await logInAs(app, email, strong), 'GET', '/api/v1/me')).json().id).toBe(c.secondary.id);
    const history = await ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_id', '=', c.secondary.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['profile.disabled', 'profile.re-registered']);
    expect(history.at(-1)?.before).toMatchObject({ email: c.secondary.email, name: 'Sid Secondary' });
  });

  it('A-4 without a password nobody can log in to a re-registered profile until a reset', async () => {
    const c = await buildCompany(ctx);
    const email = `nopw-${uniq()}@example.com`;
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/re-register`, { email, name: 'Noel Nopass' });
    expectProblem(await call(app, null, 'POST', '/api/v1/auth/login', { email, password: testPassword }), 401);
    expectProblem(await call(app, null, 'POST', '/api/v1/auth/login', { email: c.advanced.email, password: testPassword }), 401);
  });
});

describe('bad input (X-4)', () => {
  it('malformed JSON, wrong types, unknown fields and bad ids get problem+json 400 and write nothing', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const raw = await app.inject({
      method: 'POST',
      url: '/api/v1/profiles',
      headers: { cookie: `clientele_session=${c.primary.auth.cookie}`, 'x-csrf-token': c.primary.auth.csrf ?? '', 'content-type': 'application/json' },
      payload: '{"email": "x@example.com", ',
    });
    expectProblem(raw, 400, 'malformed-json');
    const wrongType = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', { email: `t-${uniq()}@example.com`, name: 5, role: 'secondary' });
    expect(expectProblem(wrongType, 400, 'validation-failed').errors?.map((e) => e.field)).toEqual(['name']);
    const massAssign = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', { email: `m-${uniq()}@example.com`, name: 'Mass Assign', role: 'secondary', companyId: c.id, status: 'active' });
    expect(expectProblem(massAssign, 400).errors?.map((e) => e.field).sort()).toEqual(['companyId', 'status']);
    const selfPromote = await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { companyId: c.id, failed_logins: 0 });
    expectProblem(selfPromote, 400);
    expectProblem(await call(app, c.primary.auth, 'GET', '/api/v1/profiles/not-a-uuid'), 400);
    expectProblem(await call(app, c.primary.auth, 'POST', '/api/v1/profiles', { email: 'not-an-email', name: 'N', role: 'secondary' }), 400);
    const proto = await app.inject({
      method: 'PATCH',
      url: `/api/v1/profiles/${c.secondary.id}`,
      headers: { cookie: `clientele_session=${c.secondary.auth.cookie}`, 'x-csrf-token': c.secondary.auth.csrf ?? '', 'content-type': 'application/json' },
      payload: '{"__proto__": {"role": "primary"}, "name": "P"}',
    });
    expectProblem(proto, 400);
    expect(await countProfiles(c.id)).toBe(before);
  });

  it('an oversized body is refused with 413', async () => {
    const c = await buildCompany(ctx);
    const res = await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { address: 'x'.repeat(1_100_000) });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('a body that is not JSON is refused with 415', async () => {
    const c = await buildCompany(ctx);
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/company',
      headers: { cookie: `clientele_session=${c.primary.auth.cookie}`, 'x-csrf-token': c.primary.auth.csrf ?? '', 'content-type': 'text/plain' },
      payload: 'name=Plain',
    });
    expectProblem(res, 415, 'unsupported-media-type');
  });
});
