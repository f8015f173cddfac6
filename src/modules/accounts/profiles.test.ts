import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff, mailTo, testPassword, uniq } from '../../../test/factories.js';
import { type Auth, call, expectProblem, logInAs, setupApp } from '../../../test/helpers.js';

const t = await setupApp();
const { app, ctx } = t;
const strong = 'Plenty long secret 9';

const countProfiles = async (companyId: string) =>
  Number(
    (
      await ctx.db
        .selectFrom('profiles')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('company_id', '=', companyId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const countAudit = async (companyId: string) =>
  Number(
    (
      await ctx.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('company_id', '=', companyId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const profileRow = (id: string) =>
  ctx.db.selectFrom('profiles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** The changes recorded for a profile (log-ins, recorded too, are left out). */
const auditOf = (entityId: string) =>
  ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', 'profile')
    .where('entity_id', '=', entityId)
    .where('action', '!=', 'profile.logged-in')
    .orderBy('id')
    .execute();
const logIn = (email: string, password: string) => call(app, null, 'POST', '/api/v1/auth/login', { email, password });
const fields = (res: LightMyRequestResponse, status = 400) =>
  (expectProblem(res, status).errors ?? []).map((e) => e.field).sort();
const tokenIn = (text: string | undefined) => decodeURIComponent(text?.match(/token=([\w%-]+)/)?.[1] ?? '');

/** A request with a raw body and content type, as the given person. */
function raw(
  auth: Auth,
  method: 'POST' | 'PATCH',
  url: string,
  payload: string | Buffer,
  contentType = 'application/json',
) {
  return app.inject({
    method,
    url,
    headers: {
      cookie: `clientele_session=${auth.cookie}`,
      'x-csrf-token': auth.csrf ?? '',
      'content-type': contentType,
    },
    payload,
  });
}

describe('A-1 e-mail and the one primary', () => {
  it('A-1 an e-mail is unique across the whole system, whatever its case (409 email-taken on field email)', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const before = await countProfiles(b.id);
    for (const email of [a.secondary.email.toUpperCase(), a.primary.email, b.advanced.email.replace(/^a/, 'A')]) {
      const res = await call(app, b.primary.auth, 'POST', '/api/v1/profiles', {
        email,
        name: 'Copy Cat',
        role: 'secondary',
        password: strong,
      });
      const p = expectProblem(res, 409, 'email-taken');
      expect(p.errors?.[0]?.field).toBe('email');
    }
    expect(await countProfiles(b.id)).toBe(before);
  });

  it('A-1 re-registering a profile to an e-mail in use (any case, any company) is a 409 email-taken and changes nothing', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    for (const email of [a.primary.email.toUpperCase(), b.advanced.email]) {
      const res = await call(app, b.primary.auth, 'POST', `/api/v1/profiles/${b.secondary.id}/re-register`, {
        email,
        name: 'Copy Cat',
        password: strong,
      });
      expect(expectProblem(res, 409, 'email-taken').errors?.[0]?.field).toBe('email');
    }
    expect(await profileRow(b.secondary.id)).toMatchObject({
      email: b.secondary.email,
      name: 'Sid Secondary',
      status: 'active',
    });
    expect((await auditOf(b.secondary.id)).map((e) => e.action)).not.toContain('profile.re-registered');
    // The old person still gets in.
    expect((await logIn(b.secondary.email, testPassword)).statusCode).toBe(200);
  });

  it('A-1 a profile cannot take a staff user’s e-mail, created or re-registered (409 email-taken), and nothing is written', async () => {
    const b = await buildCompany(ctx);
    const staff = await buildStaff(ctx, 'admin');
    const before = await countProfiles(b.id);
    const audits = await countAudit(b.id);
    for (const email of [staff.email, staff.email.toUpperCase()]) {
      const created = await call(app, b.primary.auth, 'POST', '/api/v1/profiles', {
        email,
        name: 'Copy Cat',
        role: 'secondary',
        password: strong,
      });
      expect(expectProblem(created, 409, 'email-taken').errors?.[0]?.field).toBe('email');
      const invited = await call(app, b.primary.auth, 'POST', '/api/v1/profiles', {
        email,
        name: 'Copy Cat',
        role: 'advanced',
      });
      expect(expectProblem(invited, 409, 'email-taken').errors?.[0]?.field).toBe('email');
      const moved = await call(app, b.primary.auth, 'POST', `/api/v1/profiles/${b.secondary.id}/re-register`, {
        email,
        name: 'Copy Cat',
      });
      expect(expectProblem(moved, 409, 'email-taken').errors?.[0]?.field).toBe('email');
    }
    expect(await countProfiles(b.id)).toBe(before);
    expect(await countAudit(b.id)).toBe(audits);
    expect(await profileRow(b.secondary.id)).toMatchObject({ email: b.secondary.email, name: 'Sid Secondary' });
    expect(await mailTo(ctx, staff.email)).toHaveLength(0);
  });

  it('A-1 a re-registered profile frees its old address and holds the new one', async () => {
    const b = await buildCompany(ctx);
    const email = `moved-${uniq()}@example.com`;
    const res = await call(app, b.primary.auth, 'POST', `/api/v1/profiles/${b.secondary.id}/re-register`, {
      email,
      name: 'New Person',
      password: strong,
    });
    expect(res.statusCode).toBe(200);
    const admin = await buildStaff(ctx, 'admin');
    // The old address can be given to someone else now; the new one cannot.
    const freed = await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
      email: b.secondary.email,
      name: 'Former Secondary',
      role: 'agent',
      password: strong,
    });
    expect(freed.statusCode).toBe(201);
    const taken = await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
      email: email.toUpperCase(),
      name: 'Copy Cat',
      role: 'agent',
      password: strong,
    });
    expectProblem(taken, 409, 'email-taken');
  });

  it('A-1 two simultaneous creations with one e-mail: one 201, one 409, never a 500', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const email = `race-${uniq()}@example.com`;
    const [r1, r2] = await Promise.all([
      call(app, a.primary.auth, 'POST', '/api/v1/profiles', {
        email,
        name: 'Racer One',
        role: 'secondary',
        password: strong,
      }),
      call(app, b.primary.auth, 'POST', '/api/v1/profiles', {
        email: email.toUpperCase(),
        name: 'Racer Two',
        role: 'secondary',
        password: strong,
      }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([201, 409]);
    expectProblem(r1.statusCode === 409 ? r1 : r2, 409, 'email-taken');
    const rows = await ctx.db
      .selectFrom('profiles')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('A-1 a company has exactly one primary: it cannot be disabled, re-registered or have its role changed', async () => {
    const c = await buildCompany(ctx);
    expectProblem(
      await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.primary.id}/disable`),
      422,
      'unprocessable',
    );
    expectProblem(
      await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.primary.id}/re-register`, {
        email: `p-${uniq()}@example.com`,
        name: 'New Boss',
        password: strong,
      }),
      422,
    );
    expectProblem(
      await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.primary.id}`, { role: 'secondary' }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.primary.id}`, { role: 'advanced' }),
      403,
      'forbidden',
    );
    expect(await profileRow(c.primary.id)).toMatchObject({
      role: 'primary',
      status: 'active',
      email: c.primary.email,
      name: 'Pat Primary',
    });
    expect((await logIn(c.primary.email, testPassword)).statusCode).toBe(200);
  });

  it('A-1 a primary cannot create or promote to another primary: the role is only advanced or secondary (400)', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
      email: `p-${uniq()}@example.com`,
      name: 'Second Boss',
      role: 'primary',
      password: strong,
    });
    expect(fields(res)).toEqual(['role']);
    expect(
      fields(await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { role: 'primary' })),
    ).toEqual(['role']);
    expect(await countProfiles(c.id)).toBe(before);
    const primaries = await ctx.db
      .selectFrom('profiles')
      .select('id')
      .where('company_id', '=', c.id)
      .where('role', '=', 'primary')
      .execute();
    expect(primaries.map((p) => p.id)).toEqual([c.primary.id]);
  });
});

describe('A-2 the profiles rows of the permission matrix', () => {
  it('A-2 every role lists the company’s profiles with role, status and lock mark, and no secrets', async () => {
    const c = await buildCompany(ctx);
    await ctx.db
      .updateTable('profiles')
      .set({ locked_at: ctx.clock.now(), failed_logins: 5 })
      .where('id', '=', c.advanced.id)
      .execute();
    for (const who of [c.primary, c.advanced, c.secondary]) {
      const res = await call(app, who.auth, 'GET', '/api/v1/profiles');
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Record<string, unknown>[];
      expect(items.map((p) => p.id).sort()).toEqual([c.primary.id, c.advanced.id, c.secondary.id].sort());
      expect(items[0]).toMatchObject({ id: c.primary.id, role: 'primary', status: 'active', locked: false });
      expect(items.find((p) => p.id === c.advanced.id)).toMatchObject({
        role: 'advanced',
        status: 'active',
        locked: true,
        email: c.advanced.email,
      });
      expect(items.find((p) => p.id === c.secondary.id)).toMatchObject({
        role: 'secondary',
        status: 'active',
        locked: false,
      });
      for (const p of items) {
        expect(Object.keys(p).sort()).toEqual(
          [
            'companyId',
            'createdAt',
            'email',
            'hasAvatar',
            'id',
            'jobTitle',
            'lastLoginAt',
            'locked',
            'name',
            'newsProduct',
            'newsSecurity',
            'notifyTickets',
            'phone',
            'role',
            'status',
            'timezone',
          ].sort(),
        );
      }
      expect(JSON.stringify(items)).not.toMatch(/password|hash|failed/i);
    }
  });

  it('A-2 only the primary creates profiles (advanced and secondary → 403, nothing written)', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const body = {
      email: `n-${uniq()}@example.com`,
      name: 'Nico New',
      role: 'advanced',
      phone: '+1 555 0101',
      jobTitle: 'Dev',
      password: strong,
    };
    expectProblem(await call(app, c.advanced.auth, 'POST', '/api/v1/profiles', body), 403, 'forbidden');
    expectProblem(await call(app, c.secondary.auth, 'POST', '/api/v1/profiles', body), 403, 'forbidden');
    expect(await countProfiles(c.id)).toBe(before);
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      companyId: c.id,
      email: body.email,
      role: 'advanced',
      phone: '+1 555 0101',
      jobTitle: 'Dev',
      status: 'active',
      locked: false,
    });
    expect(await countProfiles(c.id)).toBe(before + 1);
    const audit = await auditOf(res.json().id);
    expect(audit.map((e) => [e.action, e.actor_id])).toEqual([['profile.created', c.primary.id]]);
  });

  it('A-2 only the primary edits another profile and changes its role (advanced, secondary → 403, nothing changes)', async () => {
    const c = await buildCompany(ctx);
    expectProblem(
      await call(app, c.advanced.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { name: 'Nope' }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.advanced.auth, 'PATCH', `/api/v1/profiles/${c.primary.id}`, { phone: '1' }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.advanced.id}`, { role: 'secondary' }),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.primary.id}`, { name: 'Usurper' }),
      403,
      'forbidden',
    );
    expect(await profileRow(c.secondary.id)).toMatchObject({ name: 'Sid Secondary', role: 'secondary' });
    expect(await profileRow(c.advanced.id)).toMatchObject({ name: 'Ann Advanced', role: 'advanced' });
    expect(await profileRow(c.primary.id)).toMatchObject({ name: 'Pat Primary', phone: '' });

    const res = await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, {
      name: 'Promoted Person',
      jobTitle: 'Lead',
      role: 'advanced',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Promoted Person', jobTitle: 'Lead', role: 'advanced' });
    // The new role takes effect on the next request of the person.
    const me = await call(app, c.secondary.auth, 'GET', '/api/v1/me');
    expect(me.json().role).toBe('advanced');
    expect(me.json().permissions).toContain('shop.buy');
    const demote = await call(app, c.primary.auth, 'PATCH', `/api/v1/profiles/${c.advanced.id}`, { role: 'secondary' });
    expect(demote.json().role).toBe('secondary');
    expect((await call(app, c.advanced.auth, 'GET', '/api/v1/me')).json().permissions).not.toContain('shop.buy');
  });

  it('A-2 only the primary disables and re-registers (advanced, secondary → 403, nothing changes)', async () => {
    const c = await buildCompany(ctx);
    const reReg = { email: `x-${uniq()}@example.com`, name: 'Xavier Taker', password: strong };
    expectProblem(
      await call(app, c.advanced.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.secondary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/disable`),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.secondary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.advanced.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/re-register`, reReg),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.secondary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/re-register`, reReg),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.advanced.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/unlock`),
      403,
      'forbidden',
    );
    for (const p of [c.advanced, c.secondary])
      expect(await profileRow(p.id)).toMatchObject({ email: p.email, status: 'active' });
    expect(await auditOf(c.secondary.id)).toEqual([]);
    expect(await auditOf(c.advanced.id)).toEqual([]);
  });

  it('A-8 every role edits its own name, phone, job title, time zone, mail switches and newsletters', async () => {
    const c = await buildCompany(ctx);
    for (const [i, who] of [c.primary, c.advanced, c.secondary].entries()) {
      const change = {
        name: `Renamed ${i}`,
        phone: `+44 20 7946 000${i}`,
        jobTitle: `Job ${i}`,
        timezone: 'Asia/Dubai',
        notifyTickets: false,
        newsSecurity: false,
        newsProduct: true,
      };
      const res = await call(app, who.auth, 'PATCH', `/api/v1/profiles/${who.id}`, change);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject(change);
      expect((await call(app, who.auth, 'GET', `/api/v1/profiles/${who.id}`)).json()).toMatchObject(change);
      expect(await profileRow(who.id)).toMatchObject({
        name: change.name,
        timezone: 'Asia/Dubai',
        notify_tickets: false,
        news_security: false,
        news_product: true,
      });
      const audit = (await auditOf(who.id)).at(-1);
      expect(audit).toMatchObject({
        action: 'profile.updated',
        actor_kind: 'profile',
        actor_id: who.id,
        company_id: c.id,
      });
      expect(audit?.before).toMatchObject({ notify_tickets: true, news_product: false });
      expect(audit?.after).toMatchObject({ name: change.name, news_product: true });
    }
  });

  it('A-2 a secondary or advanced secondary cannot change its own role (403), nothing changes', async () => {
    const c = await buildCompany(ctx);
    const res = await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { role: 'advanced' });
    expectProblem(res, 403, 'forbidden');
    expectProblem(
      await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, {
        name: 'Sneaky',
        role: 'advanced',
      }),
      403,
    );
    expectProblem(
      await call(app, c.advanced.auth, 'PATCH', `/api/v1/profiles/${c.advanced.id}`, { role: 'secondary' }),
      403,
    );
    expect(await profileRow(c.secondary.id)).toMatchObject({ role: 'secondary', name: 'Sid Secondary' });
    expect(await profileRow(c.advanced.id)).toMatchObject({ role: 'advanced' });
    expect((await call(app, c.secondary.auth, 'GET', '/api/v1/me')).json().permissions).not.toContain('shop.buy');
  });

  it('A-2 another company’s primary gets 404 for GET, PATCH, disable, re-register and unlock of a profile of company A', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    await ctx.db.updateTable('profiles').set({ locked_at: ctx.clock.now() }).where('id', '=', a.secondary.id).execute();
    const id = a.secondary.id;
    const ghost = '00000000-0000-4000-8000-000000000000';
    const attempts = (target: string) => [
      call(app, b.primary.auth, 'GET', `/api/v1/profiles/${target}`),
      call(app, b.primary.auth, 'PATCH', `/api/v1/profiles/${target}`, { name: 'Hacked' }),
      call(app, b.primary.auth, 'POST', `/api/v1/profiles/${target}/disable`),
      call(app, b.primary.auth, 'POST', `/api/v1/profiles/${target}/re-register`, {
        email: `h-${uniq()}@example.com`,
        name: 'Hacker',
        password: strong,
      }),
      call(app, b.primary.auth, 'POST', `/api/v1/profiles/${target}/unlock`),
    ];
    const real = await Promise.all(attempts(id));
    const missing = await Promise.all(attempts(ghost));
    const strip = (body: string) =>
      body.replace(/"instance":"[^"]*"/, '').replace(new RegExp(`${id}|${ghost}`, 'g'), 'ID');
    for (const [i, res] of real.entries()) {
      expectProblem(res, 404, 'not-found');
      // Existence does not leak: the answer for a real profile of another company is the one for no profile at all.
      expect(strip(res.body)).toBe(strip(missing[i]!.body));
    }
    expect(await profileRow(id)).toMatchObject({ name: 'Sid Secondary', status: 'active', email: a.secondary.email });
    expect((await profileRow(id)).locked_at).not.toBeNull();
    expect(await auditOf(id)).toEqual([]);
    // Also the primary of company A sees B's profiles as missing.
    expectProblem(await call(app, a.primary.auth, 'GET', `/api/v1/profiles/${b.advanced.id}`), 404);
  });
});

describe('A-4 disable', () => {
  it('A-4 the primary disables a secondary profile: no log-in (401), sessions end at once, still listed as disabled, nothing deleted, audited', async () => {
    const c = await buildCompany(ctx);
    const second = await logInAs(app, c.secondary.email, testPassword);
    await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { jobTitle: 'Before' });
    expect((await call(app, second, 'GET', '/api/v1/me')).statusCode).toBe(200);

    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: c.secondary.id, status: 'disabled', email: c.secondary.email });

    expectProblem(await call(app, c.secondary.auth, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await call(app, second, 'GET', '/api/v1/profiles'), 401, 'unauthenticated');
    const login = await logIn(c.secondary.email, testPassword);
    expectProblem(login, 401, 'invalid-credentials');
    // The same answer as for an unknown e-mail.
    expect(login.body).toBe((await logIn(`nobody-${uniq()}@example.com`, testPassword)).body);

    const list = (await call(app, c.primary.auth, 'GET', '/api/v1/profiles')).json().items as {
      id: string;
      status: string;
    }[];
    expect(list).toHaveLength(3);
    expect(list.find((p) => p.id === c.secondary.id)?.status).toBe('disabled');
    expect((await call(app, c.advanced.auth, 'GET', `/api/v1/profiles/${c.secondary.id}`)).json()).toMatchObject({
      status: 'disabled',
      jobTitle: 'Before',
    });

    const row = await profileRow(c.secondary.id);
    expect(row).toMatchObject({ status: 'disabled', email: c.secondary.email, job_title: 'Before' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const sessions = await ctx.db
      .selectFrom('sessions')
      .select(['revoked_at'])
      .where('profile_id', '=', c.secondary.id)
      .execute();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    const history = await auditOf(c.secondary.id);
    expect(history.map((h) => h.action)).toEqual(['profile.updated', 'profile.disabled']);
    expect(history[1]).toMatchObject({
      actor_kind: 'profile',
      actor_id: c.primary.id,
      company_id: c.id,
      before: { status: 'active' },
      after: { status: 'disabled' },
    });
  });

  it('A-4 a disabled profile receives no mail: a password reset answers 202 and mails nothing', async () => {
    const c = await buildCompany(ctx);
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/disable`);
    expect((await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email })).statusCode).toBe(
      202,
    );
    expect(await mailTo(ctx, c.advanced.email)).toHaveLength(0);
  });
});

describe('A-4 re-register', () => {
  it('A-4 re-registering hands the profile to another person: new e-mail and name, active again, old sessions and tokens dead', async () => {
    const c = await buildCompany(ctx);
    await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { jobTitle: 'Old job' });
    const { secret } = (await call(app, c.secondary.auth, 'POST', '/api/v1/me/tokens', { name: 'old' })).json();
    expect((await call(app, { bearer: secret }, 'GET', '/api/v1/me')).statusCode).toBe(200);
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`);

    const email = `next-${uniq()}@example.com`;
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/re-register`, {
      email,
      name: 'Rita Next',
      phone: '+1 555 0123',
      password: strong,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: c.secondary.id,
      email,
      name: 'Rita Next',
      phone: '+1 555 0123',
      jobTitle: '',
      status: 'active',
      role: 'secondary',
      locked: false,
    });

    expectProblem(await call(app, c.secondary.auth, 'GET', '/api/v1/me'), 401);
    expectProblem(await call(app, { bearer: secret }, 'GET', '/api/v1/me'), 401);
    expectProblem(await logIn(c.secondary.email, testPassword), 401, 'invalid-credentials');
    expectProblem(await logIn(email, testPassword), 401, 'invalid-credentials');
    const me = (await call(app, await logInAs(app, email, strong), 'GET', '/api/v1/me')).json();
    expect(me).toMatchObject({
      id: c.secondary.id,
      email,
      name: 'Rita Next',
      role: 'secondary',
      company: { id: c.id },
    });

    // The history of before stays attributed to the same profile id.
    const history = await auditOf(c.secondary.id);
    expect(history.map((h) => h.action)).toEqual(['profile.updated', 'profile.disabled', 'profile.re-registered']);
    expect(history[0]).toMatchObject({ actor_id: c.secondary.id, after: { job_title: 'Old job' } });
    expect(history[2]).toMatchObject({
      actor_id: c.primary.id,
      before: { email: c.secondary.email, name: 'Sid Secondary', status: 'disabled' },
      after: { email, name: 'Rita Next', status: 'active' },
    });
  });

  it('A-4 re-registered without a password nobody can log in until a link is used; the new person then gets in', async () => {
    const c = await buildCompany(ctx);
    const email = `nopw-${uniq()}@example.com`;
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/re-register`, {
      email,
      name: 'Noel Nopass',
    });
    expect(res.json()).toMatchObject({ email, status: 'active' });
    // Neither address gets in: the new one has no password yet, the old one no longer names anybody.
    for (const pw of [testPassword, strong]) {
      expectProblem(await logIn(email, pw), 401, 'invalid-credentials');
      expectProblem(await logIn(c.advanced.email, pw), 401, 'invalid-credentials');
    }
    // An empty password never reaches the missing hash: the schema refuses it first.
    expectProblem(await logIn(email, ''), 400, 'validation-failed');
    expectProblem(await logIn(c.advanced.email, ''), 400, 'validation-failed');
    expect((await profileRow(c.advanced.id)).password_hash).toBeNull();
    // The new person is invited to choose a password, as on creation.
    expect((await mailTo(ctx, email)).map((m) => m.kind)).toEqual(['invitation']);
    // "Forgot password" reaches the new address, not the old one.
    expect((await call(app, null, 'POST', '/api/v1/auth/password-reset', { email })).statusCode).toBe(202);
    expect(await mailTo(ctx, c.advanced.email)).toHaveLength(0);
    const token = tokenIn((await mailTo(ctx, email))[0]?.text_body);
    expect(
      (await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password: strong })).statusCode,
    ).toBe(200);
    expect((await logIn(email, strong)).statusCode).toBe(200);
  });

  it('A-4/A-7 re-registering with a weak password is refused per field and changes nothing', async () => {
    const c = await buildCompany(ctx);
    const email = `weak-${uniq()}@example.com`;
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/re-register`, {
      email,
      name: 'Walt Weak',
      password: 'walt weak!!',
    });
    expect(fields(res)).toEqual(['password']);
    expect(await profileRow(c.secondary.id)).toMatchObject({ email: c.secondary.email, name: 'Sid Secondary' });
    expect((await call(app, c.secondary.auth, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });
});

describe('A-8 creating profiles and A-7 their passwords', () => {
  it('A-8 a profile created without a password is mailed an invitation whose link sets the password', async () => {
    const c = await buildCompany(ctx);
    const email = `inv-${uniq()}@example.com`;
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
      email,
      name: 'Ivy Invited',
      role: 'secondary',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, role: 'secondary', status: 'active' });
    expectProblem(await logIn(email, strong), 401, 'invalid-credentials');

    const mails = await mailTo(ctx, email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'invitation', to_address: email, status: 'pending' });
    expect(mails[0]?.text_body).toContain('http://clientele.test/reset-password?token=');
    expect(t.kicked).toContain('mail-deliver');

    const token = tokenIn(mails[0]?.text_body);
    expect(token.length).toBeGreaterThan(20);
    // The link follows the password rule too.
    expect(
      fields(await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password: 'ivy invited' })),
    ).toContain('password');
    expect(
      (await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password: strong })).statusCode,
    ).toBe(200);
    const me = (await call(app, await logInAs(app, email, strong), 'GET', '/api/v1/me')).json();
    expect(me).toMatchObject({ id: res.json().id, role: 'secondary', company: { id: c.id } });
    // Single use.
    expectProblem(
      await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
        token,
        password: 'Another good secret 7',
      }),
      400,
    );
  });

  it('A-8 a profile created with a password logs in at once and gets no invitation', async () => {
    const c = await buildCompany(ctx);
    const email = `pw-${uniq()}@example.com`;
    expect(
      (
        await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
          email,
          name: 'Paula Ready',
          role: 'advanced',
          password: strong,
        })
      ).statusCode,
    ).toBe(201);
    const login = await logIn(email, strong);
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ kind: 'profile', role: 'advanced', company: { id: c.id } });
    expect(await mailTo(ctx, email)).toHaveLength(0);
    const row = await ctx.db
      .selectFrom('profiles')
      .select('password_hash')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(strong);
  });

  it('A-7 a weak password at creation is refused with errors on field password, and nothing is written', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const auditBefore = await countAudit(c.id);
    const email = `wes.weak-${uniq()}@example.com`;
    const local = email.split('@')[0]!;
    for (const password of ['Short1!', 'qwerty123', `my ${local} pw`, 'WES WEAK forever']) {
      const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
        email,
        name: 'Wes Weak',
        role: 'secondary',
        password,
      });
      const p = expectProblem(res, 400, 'validation-failed');
      expect(p.errors?.length).toBeGreaterThan(0);
      expect(p.errors?.every((e) => e.field === 'password')).toBe(true);
    }
    expect(await countProfiles(c.id)).toBe(before);
    expect(await countAudit(c.id)).toBe(auditBefore);
    expect(await mailTo(ctx, email)).toHaveLength(0);
  });
});

describe('X-4 bad input', () => {
  it('X-4 malformed JSON → 400 malformed-json, nothing written', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const res = await raw(
      c.primary.auth,
      'POST',
      '/api/v1/profiles',
      `{"email": "m-${uniq()}@example.com", "name": "M", "role": "secondary",`,
    );
    expectProblem(res, 400, 'malformed-json');
    expectProblem(
      await raw(c.primary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, "{name: 'x'}"),
      400,
      'malformed-json',
    );
    expect(await countProfiles(c.id)).toBe(before);
  });

  it('X-4 wrong types → 400 naming the field (name: 5)', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
      email: `t-${uniq()}@example.com`,
      name: 5,
      role: 'secondary',
      password: strong,
    });
    expect(expectProblem(res, 400, 'validation-failed').errors?.map((e) => e.field)).toEqual(['name']);
    expect(
      fields(await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { notifyTickets: 'no' })),
    ).toEqual(['notifyTickets']);
    expect(
      fields(
        await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { timezone: 'Mars/Olympus' }),
      ),
    ).toEqual(['timezone']);
    expect(
      fields(
        await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
          email: 'not-an-email',
          name: 'N',
          role: 'secondary',
        }),
      ),
    ).toEqual(['email']);
    expect(await countProfiles(c.id)).toBe(before);
    expect(await profileRow(c.secondary.id)).toMatchObject({ notify_tickets: true, timezone: null });
  });

  it('X-4 unknown fields (companyId, status) and role "primary" are refused with 400 and nothing is written', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const before = [await countProfiles(a.id), await countProfiles(b.id)];
    const email = `m-${uniq()}@example.com`;
    const massAssign = await call(app, a.primary.auth, 'POST', '/api/v1/profiles', {
      email,
      name: 'Mass Assign',
      role: 'secondary',
      password: strong,
      companyId: b.id,
      status: 'disabled',
    });
    expect(fields(massAssign)).toEqual(['companyId', 'status']);
    expect(
      fields(
        await call(app, a.primary.auth, 'POST', '/api/v1/profiles', {
          email,
          name: 'Mass Assign',
          role: 'primary',
          password: strong,
        }),
      ),
    ).toEqual(['role']);
    expect(
      fields(
        await call(app, a.secondary.auth, 'PATCH', `/api/v1/profiles/${a.secondary.id}`, {
          companyId: b.id,
          name: 'Mover',
        }),
      ),
    ).toEqual(['companyId']);
    expect(
      fields(
        await call(app, a.secondary.auth, 'PATCH', `/api/v1/profiles/${a.secondary.id}`, {
          status: 'active',
          failed_logins: 0,
        }),
      ),
    ).toEqual(['failed_logins', 'status']);
    expect(
      fields(
        await call(app, a.primary.auth, 'POST', `/api/v1/profiles/${a.secondary.id}/re-register`, {
          email,
          name: 'R',
          role: 'advanced',
        }),
      ),
    ).toEqual(['role']);
    const proto = await raw(
      a.secondary.auth,
      'PATCH',
      `/api/v1/profiles/${a.secondary.id}`,
      '{"__proto__": {"role": "primary"}, "name": "P"}',
    );
    expectProblem(proto, 400);
    expect([await countProfiles(a.id), await countProfiles(b.id)]).toEqual(before);
    expect(await ctx.db.selectFrom('profiles').select('id').where('email', '=', email).execute()).toEqual([]);
    expect(await profileRow(a.secondary.id)).toMatchObject({
      company_id: a.id,
      name: 'Sid Secondary',
      role: 'secondary',
      status: 'active',
    });
  });

  it('X-4 a profile id that is not a uuid → 400 on every profile route', async () => {
    const c = await buildCompany(ctx);
    for (const id of ['not-a-uuid', '1', "1' OR '1'='1"]) {
      const path = `/api/v1/profiles/${encodeURIComponent(id)}`;
      expect(fields(await call(app, c.primary.auth, 'GET', path))).toEqual(['id']);
      expect(fields(await call(app, c.primary.auth, 'PATCH', path, { name: 'X' }))).toEqual(['id']);
      expect(fields(await call(app, c.primary.auth, 'POST', `${path}/disable`))).toEqual(['id']);
      expect(
        fields(
          await call(app, c.primary.auth, 'POST', `${path}/re-register`, {
            email: `i-${uniq()}@example.com`,
            name: 'I',
          }),
        ),
      ).toEqual(['id']);
      expect(fields(await call(app, c.primary.auth, 'POST', `${path}/unlock`))).toEqual(['id']);
      expect(fields(await call(app, c.primary.auth, 'GET', `${path}/avatar`))).toEqual(['id']);
    }
  });

  it('X-4 a body over 1 MB → 413 payload-too-large, nothing written', async () => {
    const c = await buildCompany(ctx);
    const before = await countProfiles(c.id);
    const email = `big-${uniq()}@example.com`;
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
      email,
      name: 'Big Body',
      role: 'secondary',
      jobTitle: 'x'.repeat(1_100_000),
    });
    expectProblem(res, 413, 'payload-too-large');
    expectProblem(
      await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { name: 'y'.repeat(1_100_000) }),
      413,
      'payload-too-large',
    );
    expect(await countProfiles(c.id)).toBe(before);
    expect((await profileRow(c.secondary.id)).name).toBe('Sid Secondary');
  });

  it('X-1 every error of the profile routes is application/problem+json with type, title, status and code', async () => {
    const c = await buildCompany(ctx);
    const cases: [LightMyRequestResponse, number][] = [
      [await call(app, null, 'GET', '/api/v1/profiles'), 401],
      [
        await call(app, c.secondary.auth, 'POST', '/api/v1/profiles', {
          email: `e-${uniq()}@example.com`,
          name: 'E',
          role: 'secondary',
        }),
        403,
      ],
      [await call(app, { cookie: c.primary.auth.cookie }, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`), 403],
      [await call(app, c.primary.auth, 'GET', '/api/v1/profiles/00000000-0000-4000-8000-000000000000'), 404],
      [
        await call(app, c.primary.auth, 'POST', '/api/v1/profiles', {
          email: c.advanced.email,
          name: 'Dup',
          role: 'secondary',
        }),
        409,
      ],
      [await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.primary.id}/disable`), 422],
      [await raw(c.primary.auth, 'POST', '/api/v1/profiles', 'name=x', 'text/plain'), 415],
      [await call(app, c.primary.auth, 'POST', '/api/v1/profiles'), 400],
    ];
    for (const [res, status] of cases) {
      const p = expectProblem(res, status);
      expect(p).toMatchObject({ status, type: `/problems/${p.code}`, title: expect.any(String) });
      expect(res.body).not.toMatch(/stack|sql|select |argon/i);
    }
  });
});

describe('A-4 re-register and personal preferences', () => {
  it('A-4/A-8 the new person starts with default mail switches, newsletters and time zone, not the previous person’s consent', async () => {
    const c = await buildCompany(ctx);
    await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, {
      timezone: 'Asia/Tokyo',
      notifyTickets: false,
      newsSecurity: false,
      newsProduct: true,
    });
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/re-register`, {
      email: `pref-${uniq()}@example.com`,
      name: 'Pia Prefs',
    });
    // Time zone back to "not set" (the new person's browser zone), not the old person's choice.
    expect(res.json()).toMatchObject({ timezone: null, notifyTickets: true, newsSecurity: true, newsProduct: false });
  });
});
