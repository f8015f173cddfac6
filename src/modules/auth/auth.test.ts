import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff, mailTo, testPassword, uniq } from '../../../test/factories.js';
import { call, expectProblem, logInAs, sessionCookie, setupApp } from '../../../test/helpers.js';
import { sha256 } from '../../core/secrets.js';

const t = await setupApp();
const { app, ctx, clock } = t;

describe('log-in and sessions', () => {
  it('A-5 logs in with e-mail and password and returns the profile with its permissions', async () => {
    const c = await buildCompany(ctx);
    const res = await call(app, null, 'POST', '/api/v1/auth/login', {
      email: c.advanced.email.toUpperCase(),
      password: testPassword,
    });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ kind: 'profile', id: c.advanced.id, role: 'advanced', company: { id: c.id } });
    expect(me.permissions).toContain('shop.buy');
    expect(me.permissions).not.toContain('profiles.manage');
    const cookie = res.cookies.find((x) => x.name === 'clientele_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const again = await call(app, { cookie: cookie?.value }, 'GET', '/api/v1/me');
    expect(again.json().id).toBe(c.advanced.id);
  });

  it('A-5 GET /auth/session tells the web app who is signed in, and answers nobody with 200 me: null', async () => {
    const anonymous = await call(app, null, 'GET', '/api/v1/auth/session');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ me: null });
    const c = await buildCompany(ctx);
    const login = await call(app, null, 'POST', '/api/v1/auth/login', {
      email: c.primary.email,
      password: testPassword,
    });
    const cookie = login.cookies.find((x) => x.name === 'clientele_session')?.value;
    const signedIn = await call(app, { cookie }, 'GET', '/api/v1/auth/session');
    expect(signedIn.json().me).toMatchObject({ kind: 'profile', id: c.primary.id, csrfToken: login.json().csrfToken });
    expect(signedIn.json().me).toEqual((await call(app, { cookie }, 'GET', '/api/v1/me')).json());
    // A session that ended is nobody again, not an error.
    await call(app, { cookie, csrf: login.json().csrfToken }, 'POST', '/api/v1/auth/logout');
    expect((await call(app, { cookie }, 'GET', '/api/v1/auth/session')).json()).toEqual({ me: null });
  });

  it('A-5 answers an unknown e-mail exactly like a wrong password', async () => {
    const c = await buildCompany(ctx);
    const wrong = await call(app, null, 'POST', '/api/v1/auth/login', {
      email: c.primary.email,
      password: 'not-the-password',
    });
    const unknown = await call(app, null, 'POST', '/api/v1/auth/login', {
      email: `nobody-${uniq()}@example.com`,
      password: 'not-the-password',
    });
    expectProblem(wrong, 401, 'invalid-credentials');
    expectProblem(unknown, 401, 'invalid-credentials');
    expect(unknown.body).toBe(wrong.body);
  });

  it('A-5 blocks a profile after 5 failed log-ins in a row (423), even with the right password', async () => {
    const c = await buildCompany(ctx);
    for (let i = 0; i < 4; i++) {
      expectProblem(
        await call(app, null, 'POST', '/api/v1/auth/login', { email: c.secondary.email, password: `wrong-${i}` }),
        401,
      );
    }
    expectProblem(
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.secondary.email, password: 'wrong-5' }),
      423,
      'account-locked',
    );
    expectProblem(
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.secondary.email, password: testPassword }),
      423,
      'account-locked',
    );
    const list = await call(app, c.primary.auth, 'GET', '/api/v1/profiles');
    expect(list.json().items.find((p: { id: string }) => p.id === c.secondary.id).locked).toBe(true);
    expect((await mailTo(ctx, c.secondary.email))[0]?.kind).toBe('account-locked');
  });

  it('A-5 a success resets the count of failures in a row', async () => {
    const c = await buildCompany(ctx);
    for (let i = 0; i < 4; i++)
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: 'nope' });
    expect(
      (await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: testPassword }))
        .statusCode,
    ).toBe(200);
    for (let i = 0; i < 4; i++)
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: 'nope' });
    expect(
      (await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: testPassword }))
        .statusCode,
    ).toBe(200);
  });

  it('A-5 the primary unblocks a blocked profile', async () => {
    const c = await buildCompany(ctx);
    for (let i = 0; i < 5; i++)
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.advanced.email, password: 'nope' });
    expectProblem(
      await call(app, c.advanced.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/unlock`),
      403,
      'forbidden',
    );
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/unlock`);
    expect(res.json().locked).toBe(false);
    expect(
      (await call(app, null, 'POST', '/api/v1/auth/login', { email: c.advanced.email, password: testPassword }))
        .statusCode,
    ).toBe(200);
  });

  it('A-5 a staff action unblocks a profile and is written to the audit log', async () => {
    const c = await buildCompany(ctx);
    const head = await buildStaff(ctx, 'department_head');
    const agent = await buildStaff(ctx, 'agent');
    for (let i = 0; i < 5; i++)
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: 'nope' });
    expectProblem(await call(app, agent.auth, 'POST', `/api/v1/staff/profiles/${c.primary.id}/unlock`), 403);
    expect((await call(app, head.auth, 'POST', `/api/v1/staff/profiles/${c.primary.id}/unlock`)).json().locked).toBe(
      false,
    );
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', c.primary.id)
      .where('action', '=', 'profile.unlocked')
      .executeTakeFirst();
    expect(entry).toMatchObject({ actor_kind: 'staff', actor_id: head.id });
  });

  it('logs out: the session stops working', async () => {
    const c = await buildCompany(ctx);
    const auth = await logInAs(app, c.primary.email, testPassword);
    expect((await call(app, auth, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expectProblem(await call(app, auth, 'GET', '/api/v1/me'), 401, 'unauthenticated');
  });

  it('sessions expire after the configured days, by the clock', async () => {
    const c = await buildCompany(ctx);
    const auth = await logInAs(app, c.primary.email, testPassword);
    clock.advance({ days: ctx.config.sessionDays, minutes: 1 });
    expectProblem(await call(app, auth, 'GET', '/api/v1/me'), 401);
  });

  it('a person can list and revoke their own sessions, not another person’s', async () => {
    const c = await buildCompany(ctx);
    const other = await logInAs(app, c.primary.email, testPassword);
    // A session's id is the SHA-256 of its cookie token: tell the caller's from the other one.
    const callerId = sha256(c.primary.auth.cookie!);
    const otherId = sha256(other.cookie!);
    const list = await call(app, c.primary.auth, 'GET', '/api/v1/me/sessions');
    const items = list.json().items as { id: string; current: boolean }[];
    expect(items.map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [callerId, true],
        [otherId, false],
      ].sort(),
    );
    expectProblem(await call(app, c.secondary.auth, 'DELETE', `/api/v1/me/sessions/${otherId}`), 404);
    expect((await call(app, c.primary.auth, 'DELETE', `/api/v1/me/sessions/${otherId}`)).statusCode).toBe(204);
    // Each session separately: the one named ended, the caller's own goes on.
    expect((await call(app, c.primary.auth, 'GET', '/api/v1/me')).statusCode, 'the caller’s session').toBe(200);
    expectProblem(await call(app, other, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    const revoked = await ctx.db
      .selectFrom('sessions')
      .select(['id', 'revoked_at'])
      .where('id', 'in', [callerId, otherId])
      .execute();
    expect(Object.fromEntries(revoked.map((r) => [r.id, r.revoked_at !== null]))).toEqual({
      [callerId]: false,
      [otherId]: true,
    });
  });

  it('staff log in on their own endpoint; a customer e-mail cannot log in there', async () => {
    const s = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const res = await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: s.email, password: testPassword });
    expect(res.json()).toMatchObject({ kind: 'staff', role: 'agent', company: null });
    expectProblem(
      await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: c.primary.email, password: testPassword }),
      401,
    );
    expectProblem(await call(app, null, 'POST', '/api/v1/auth/login', { email: s.email, password: testPassword }), 401);
  });
});

describe('CSRF and API tokens', () => {
  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const c = await buildCompany(ctx);
    const res = await call(app, { cookie: c.primary.auth.cookie }, 'PATCH', '/api/v1/company', { name: 'Hijacked' });
    expectProblem(res, 403, 'csrf-failed');
    const wrong = await call(app, { cookie: c.primary.auth.cookie, csrf: 'x'.repeat(32) }, 'PATCH', '/api/v1/company', {
      name: 'Hijacked',
    });
    expectProblem(wrong, 403, 'csrf-failed');
    const company = await ctx.db
      .selectFrom('companies')
      .select('name')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(company.name).toBe(c.name);
  });

  it('X-1 a personal API token acts with its owner’s permissions and no CSRF header', async () => {
    const c = await buildCompany(ctx);
    const created = await call(app, c.secondary.auth, 'POST', '/api/v1/me/tokens', { name: 'script' });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^clt_/);
    const bearer = { bearer: secret };
    expect((await call(app, bearer, 'GET', '/api/v1/me')).json().id).toBe(c.secondary.id);
    expect((await call(app, bearer, 'GET', '/api/v1/profiles')).statusCode).toBe(200);
    expectProblem(await call(app, bearer, 'PATCH', '/api/v1/company', { name: 'No' }), 403, 'forbidden');
    const list = await call(app, c.secondary.auth, 'GET', '/api/v1/me/tokens');
    expect(JSON.stringify(list.json())).not.toContain(secret);
    expect((await call(app, c.secondary.auth, 'DELETE', `/api/v1/me/tokens/${token.id}`)).statusCode).toBe(204);
    expectProblem(await call(app, bearer, 'GET', '/api/v1/me'), 401);
  });

  it('X-1 a token is stored only as a hash and stops working when its profile is disabled', async () => {
    const c = await buildCompany(ctx);
    const { secret } = (await call(app, c.advanced.auth, 'POST', '/api/v1/me/tokens', { name: 'ci' })).json();
    const stored = await ctx.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('profile_id', '=', c.advanced.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret);
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/disable`);
    expectProblem(await call(app, { bearer: secret }, 'GET', '/api/v1/me'), 401);
  });
});

describe('password reset', () => {
  const resetLink = async (email: string) => {
    const mail = (await mailTo(ctx, email)).find((m) => m.kind === 'password-reset');
    const token = mail?.text_body.match(/token=([\w%-]+)/)?.[1];
    if (!token) throw new Error('no reset mail');
    return decodeURIComponent(token);
  };

  it('A-6 answers 202 whether or not the e-mail exists, and mails only real accounts', async () => {
    const c = await buildCompany(ctx);
    const known = await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.secondary.email });
    const ghost = `ghost-${uniq()}@example.com`;
    const unknown = await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: ghost });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(await mailTo(ctx, ghost)).toHaveLength(0);
    expect((await mailTo(ctx, c.secondary.email))[0]?.text_body).toContain(
      'http://clientele.test/reset-password?token=',
    );
    expect(t.kicked).toContain('mail-deliver');
  });

  it('A-6 the link sets a new password once, unblocks the profile and ends all its sessions', async () => {
    const c = await buildCompany(ctx);
    for (let i = 0; i < 5; i++)
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: 'nope' });
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.primary.email });
    const token = await resetLink(c.primary.email);
    const stored = await ctx.db
      .selectFrom('password_reset_tokens')
      .select('token_hash')
      .where('profile_id', '=', c.primary.id)
      .execute();
    expect(stored.every((r) => r.token_hash !== token)).toBe(true);
    const ok = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'A brand new secret 9',
    });
    expect(ok.statusCode).toBe(200);
    expectProblem(await call(app, c.primary.auth, 'GET', '/api/v1/me'), 401);
    const again = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'Another new secret 9',
    });
    expect(expectProblem(again, 400, 'validation-failed').errors?.[0]?.field).toBe('token');
    const login = await call(app, null, 'POST', '/api/v1/auth/login', {
      email: c.primary.email,
      password: 'A brand new secret 9',
    });
    expect(login.statusCode).toBe(200);
    expect(sessionCookie(login)).toBeTruthy();
  });

  it('A-6 staff reset their password the same way and are told to use the staff log-in', async () => {
    const s = await buildStaff(ctx, 'billing');
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: s.email });
    const token = await resetLink(s.email);
    const res = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'Ledger lantern 42',
    });
    expect(res.json()).toEqual({ ok: true, kind: 'staff' });
    expect(
      (await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: s.email, password: 'Ledger lantern 42' }))
        .statusCode,
    ).toBe(200);
  });

  it('A-6 the link is valid 24 hours and no longer', async () => {
    const c = await buildCompany(ctx);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email });
    const token = await resetLink(c.advanced.email);
    clock.advance({ hours: 24, seconds: 1 });
    expectProblem(
      await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password: 'A brand new secret 9' }),
      400,
    );
  });

  it('A-7 the new password follows the password rule, with per-field errors', async () => {
    const c = await buildCompany(ctx);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.secondary.email });
    const token = await resetLink(c.secondary.email);
    const local = c.secondary.email.split('@')[0];
    for (const bad of ['short', `xx${local}xx`, 'sid secondary rocks', 'password123']) {
      const res = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password: bad });
      const p = expectProblem(res, 400, 'validation-failed');
      expect(p.errors?.every((e) => e.field === 'password')).toBe(true);
    }
    // The token survives refused attempts.
    expect(
      (await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password: 'Ünïcödé ok 🙂' }))
        .statusCode,
    ).toBe(200);
  });

  it('changing one’s password needs the current one and ends the other sessions', async () => {
    const c = await buildCompany(ctx);
    const other = await logInAs(app, c.advanced.email, testPassword);
    expectProblem(
      await call(app, c.advanced.auth, 'POST', '/api/v1/me/password', {
        currentPassword: 'wrong',
        newPassword: 'Fresh secret 77',
      }),
      400,
    );
    expect(
      (
        await call(app, c.advanced.auth, 'POST', '/api/v1/me/password', {
          currentPassword: testPassword,
          newPassword: 'Fresh secret 77',
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(app, c.advanced.auth, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(await call(app, other, 'GET', '/api/v1/me'), 401);
  });
});

describe('sign-up', () => {
  const signUp = (email: string, companyName = 'Fresh Shop') =>
    call(app, null, 'POST', '/api/v1/auth/signup', {
      companyName,
      name: 'Fay Founder',
      email,
      password: 'Plenty long secret',
    });
  const logIn = (email: string, password = 'Plenty long secret') =>
    call(app, null, 'POST', '/api/v1/auth/login', { email, password });
  const linkIn = (text: string | undefined) => decodeURIComponent(text?.match(/token=([\w%-]+)/)?.[1] ?? '');
  const confirmations = async (email: string) =>
    (await mailTo(ctx, email)).filter((m) => m.kind === 'email-confirmation');
  const confirm = (token: string) => call(app, null, 'POST', '/api/v1/auth/confirm-email', { token });

  it('A-1 A-13 an address held by a sign-up that never confirmed it is freed once its link expired: nobody can squat it', async () => {
    const email = `squat-${uniq()}@example.com`;
    expect((await signUp(email, 'Squatter Ltd')).statusCode).toBe(201);
    const squatLink = linkIn((await confirmations(email))[0]?.text_body);
    // While the squatter's link is valid the address stays taken.
    expectProblem(await signUp(email, 'Owner Ltd'), 409, 'email-taken');
    const started = clock.now();
    try {
      clock.advance({ hours: 49 });
      const mine = await signUp(email, 'Owner Ltd');
      expect(mine.statusCode).toBe(201);
      const ownerLink = (await confirmations(email)).map((m) => linkIn(m.text_body)).find((l) => l !== squatLink);
      // The squatter's expired link confirms nothing; the owner's does, and the owner logs in to their company.
      expectProblem(await confirm(squatLink), 400, 'validation-failed');
      expect((await confirm(ownerLink ?? '')).statusCode).toBe(200);
      const login = await logIn(email);
      expect(login.statusCode).toBe(200);
      expect(login.json().company.name).toBe('Owner Ltd');
    } finally {
      clock.set(started);
    }
  });

  it('A-1 A-13 a new sign-up logs in only after confirming its e-mail', async () => {
    const email = `new-${uniq()}@example.com`;
    const res = await signUp(email);
    expect(res.statusCode).toBe(201);
    const in48Hours = new Date(clock.now().getTime() + 48 * 3600_000).toISOString();
    expect(res.json()).toEqual({ email, confirmationExpiresAt: in48Hours });
    // Not signed in: no session cookie, and the company exists with its primary, unconfirmed.
    expect(res.cookies.find((c) => c.name === 'clientele_session')).toBeUndefined();
    const row = await ctx.db
      .selectFrom('profiles')
      .select(['id', 'role', 'email_confirmed_at', 'last_login_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'primary', email_confirmed_at: null, last_login_at: null });
    expect(t.kicked).toContain('mail-deliver');

    const refused = expectProblem(await logIn(email), 403, 'email-unconfirmed');
    expect(refused.detail).toContain(email);
    const [mail] = await confirmations(email);
    expect(mail?.subject).toBe('Confirm your e-mail address for Clientele');
    expect(mail?.text_body).toContain('http://clientele.test/confirm-email?token=');
    expect(mail?.text_body).toContain('within 48 hours');

    const ok = await confirm(linkIn(mail?.text_body));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, email });
    // The link opened no session: the person logs in with their password.
    expect(ok.cookies.find((c) => c.name === 'clientele_session')).toBeUndefined();
    const login = await logIn(email.toUpperCase());
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      kind: 'profile',
      id: row.id,
      role: 'primary',
      company: { name: 'Fresh Shop' },
    });
    // Once: a second use is a 400 on token.
    expect(expectProblem(await confirm(linkIn(mail?.text_body)), 400, 'validation-failed').errors?.[0]?.field).toBe(
      'token',
    );
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['profile.email-confirmed', 'profile.logged-in']);
  });

  it('A-1 an e-mail in use (any case) is a 409 email-taken on the e-mail field, and nothing is written', async () => {
    const email = `dup-${uniq()}@example.com`;
    expect((await signUp(email)).statusCode).toBe(201);
    const name = `Other ${uniq()}`;
    const dup = await signUp(email.toUpperCase(), name);
    expect(expectProblem(dup, 409, 'email-taken').errors?.[0]?.field).toBe('email');
    expect(await ctx.db.selectFrom('companies').select('id').where('name', '=', name).execute()).toHaveLength(0);
    expect(await confirmations(email)).toHaveLength(1);
  });

  it('A-13 the confirmation link expires after 48 hours; a new one can be sent and works', async () => {
    const email = `late-${uniq()}@example.com`;
    await signUp(email);
    const first = linkIn((await confirmations(email))[0]?.text_body);
    clock.advance({ hours: 48, seconds: 1 });
    expect(expectProblem(await confirm(first), 400, 'validation-failed').errors?.[0]?.field).toBe('token');
    expectProblem(await logIn(email), 403, 'email-unconfirmed');
    const resend = await call(app, null, 'POST', '/api/v1/auth/confirm-email/resend', { email: email.toUpperCase() });
    expect(resend.statusCode).toBe(202);
    const mails = await confirmations(email);
    expect(mails).toHaveLength(2);
    expect((await confirm(linkIn(mails[0]?.text_body))).statusCode).toBe(200);
    expect((await logIn(email)).statusCode).toBe(200);
  });

  it('A-13 an unconfirmed sign-up with a wrong password gets the plain 401, as an unknown e-mail does, and is blocked after 5', async () => {
    const email = `quiet-${uniq()}@example.com`;
    await signUp(email);
    const wrong = await logIn(email, 'not the password');
    const unknown = await logIn(`nobody-${uniq()}@example.com`, 'not the password');
    expectProblem(wrong, 401, 'invalid-credentials');
    expect(wrong.body).toBe(unknown.body);
    // Blocked after 5 failures like anybody, but mailed nothing besides its confirmation link.
    for (let i = 0; i < 4; i++) await logIn(email, `wrong-${i}`);
    expectProblem(await logIn(email), 423, 'account-locked');
    expect((await mailTo(ctx, email)).map((m) => m.kind)).toEqual(['email-confirmation']);
  });

  it('A-13 "send the link again" answers 202 whatever the e-mail; it mails only unconfirmed sign-ups, at most 3 an hour', async () => {
    const c = await buildCompany(ctx);
    const email = `again-${uniq()}@example.com`;
    await signUp(email);
    const ghost = `ghost-${uniq()}@example.com`;
    for (const who of [ghost, c.primary.email, email, email, email, email]) {
      const res = await call(app, null, 'POST', '/api/v1/auth/confirm-email/resend', { email: who });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ ok: true });
    }
    expect(await mailTo(ctx, ghost)).toHaveLength(0);
    expect(await mailTo(ctx, c.primary.email)).toHaveLength(0);
    // The sign-up's own mail counts: 3 in the hour.
    expect(await confirmations(email)).toHaveLength(3);
    clock.advance({ hours: 1, minutes: 1 });
    await call(app, null, 'POST', '/api/v1/auth/confirm-email/resend', { email });
    const mails = await confirmations(email);
    expect(mails).toHaveLength(4);
    // Any of the links confirms; then the others are spent.
    expect((await confirm(linkIn(mails[2]?.text_body))).statusCode).toBe(200);
    expectProblem(await confirm(linkIn(mails[0]?.text_body)), 400);
    await call(app, null, 'POST', '/api/v1/auth/confirm-email/resend', { email });
    expect(await confirmations(email)).toHaveLength(4);
  });

  it('A-6 no reset mail goes to an unconfirmed address', async () => {
    const email = `unconfirmed-${uniq()}@example.com`;
    await signUp(email);
    const res = await call(app, null, 'POST', '/api/v1/auth/password-reset', { email });
    const ghost = await call(app, null, 'POST', '/api/v1/auth/password-reset', {
      email: `ghost-${uniq()}@example.com`,
    });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe(ghost.body);
    expect((await mailTo(ctx, email)).map((m) => m.kind)).toEqual(['email-confirmation']);
    // Once confirmed, the address gets its reset link like any other.
    await confirm(linkIn((await confirmations(email))[0]?.text_body));
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email });
    expect((await mailTo(ctx, email)).map((m) => m.kind)).toEqual(['password-reset', 'email-confirmation']);
  });

  it('A-13 a confirmation link sets no password, and a reset or invitation link confirms nothing', async () => {
    const email = `kinds-${uniq()}@example.com`;
    await signUp(email);
    const token = linkIn((await confirmations(email))[0]?.text_body);
    const asReset = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'Taken over 1234',
    });
    expect(expectProblem(asReset, 400).errors?.[0]?.field).toBe('token');
    expectProblem(await logIn(email, 'Taken over 1234'), 401);
    // The confirmation link still works after that attempt.
    expect((await confirm(token)).statusCode).toBe(200);

    const c = await buildCompany(ctx);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email });
    const reset = linkIn((await mailTo(ctx, c.advanced.email))[0]?.text_body);
    expect(expectProblem(await confirm(reset), 400).errors?.[0]?.field).toBe('token');
    // …and stays usable for what it is.
    expect(
      (
        await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
          token: reset,
          password: 'Fresh start 42',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('A-13 a confirmation link used by several requests at once confirms exactly once', async () => {
    const email = `twice-${uniq()}@example.com`;
    await signUp(email);
    const token = linkIn((await confirmations(email))[0]?.text_body);
    const results = await Promise.all([confirm(token), confirm(token), confirm(token)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400, 400]);
    const confirmedAudit = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'profile.email-confirmed')
      .where('after', '@>', JSON.stringify({ email }))
      .execute();
    expect(confirmedAudit).toHaveLength(1);
  });

  it('rejects unknown fields instead of ignoring them (no mass assignment)', async () => {
    const res = await call(app, null, 'POST', '/api/v1/auth/signup', {
      companyName: 'Sneaky',
      name: 'S N',
      email: `s-${uniq()}@example.com`,
      password: 'Plenty long secret',
      role: 'admin',
    });
    expect(expectProblem(res, 400, 'validation-failed').errors).toEqual([
      { field: 'role', message: expect.any(String) },
    ]);
  });
});

describe('password reset flooding', () => {
  it('A-6 sends at most 3 reset mails an hour to one person, and still answers 202', async () => {
    const c = await buildCompany(ctx);
    for (let i = 0; i < 6; i++) {
      expect(
        (await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email })).statusCode,
      ).toBe(202);
    }
    expect((await mailTo(ctx, c.advanced.email)).filter((m) => m.kind === 'password-reset')).toHaveLength(3);
    clock.advance({ hours: 1, minutes: 1 });
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email });
    expect((await mailTo(ctx, c.advanced.email)).filter((m) => m.kind === 'password-reset')).toHaveLength(4);
  });
});

describe('log-in trail (X-3)', () => {
  it('records each successful log-in with who, when and from where; failures only when they block', async () => {
    const c = await buildCompany(ctx);
    await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: 'wrong-one' });
    await call(app, null, 'POST', '/api/v1/auth/login', { email: c.primary.email, password: testPassword });
    const rows = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', c.primary.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_kind, r.actor_id, r.company_id])).toEqual([
      ['profile.logged-in', 'profile', c.primary.id, c.id],
    ]);
    expect(rows[0]?.ip).toBe('127.0.0.1');
  });
});

describe('races (run on PostgreSQL in CI, where requests really overlap)', () => {
  it('A-6 a reset link used by several requests at once works exactly once', async () => {
    const c = await buildCompany(ctx);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email });
    const mail = (await mailTo(ctx, c.advanced.email)).find((m) => m.kind === 'password-reset');
    const token = decodeURIComponent(mail?.text_body.match(/token=([\w%-]+)/)?.[1] ?? '');
    const results = await Promise.all(
      ['Racing horse one 1', 'Racing horse two 2', 'Racing horse three 3', 'Racing horse four 4'].map((password) =>
        call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', { token, password }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400, 400, 400]);
  });

  it('A-5 failed log-ins arriving at once are all counted and block the profile', async () => {
    const c = await buildCompany(ctx);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(app, null, 'POST', '/api/v1/auth/login', { email: c.secondary.email, password: `wrong-${i}` }),
      ),
    );
    // All eight pass the lock check before any is counted (failed_logins reaches 8 below); the
    // failure that reaches the limit blocks the profile and is told so, the others are plain 401s.
    expect(results.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 401, 401, 401, 423]);
    const row = await ctx.db
      .selectFrom('profiles')
      .select(['failed_logins', 'locked_at'])
      .where('id', '=', c.secondary.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(8);
    expect(row.locked_at).not.toBeNull();
    expectProblem(
      await call(app, null, 'POST', '/api/v1/auth/login', { email: c.secondary.email, password: testPassword }),
      423,
    );
  });
});
