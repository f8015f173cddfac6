import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff, mailTo, testPassword } from '../../../test/factories.js';
import { call, expectProblem, logInAs, setupApp } from '../../../test/helpers.js';

const { app, ctx } = await setupApp();

const token = async (auth: Parameters<typeof call>[1]) =>
  (await call(app, auth, 'POST', '/api/v1/me/tokens', { name: 'script' })).json().secret as string;

const resetLink = async (email: string) => {
  const mail = (await mailTo(ctx, email)).find((m) => m.kind === 'password-reset');
  const t = mail?.text_body.match(/token=([\w%-]+)/)?.[1];
  if (!t) throw new Error('no reset mail');
  return decodeURIComponent(t);
};

describe('a new password ends every other credential (A-6, A-7, X-1)', () => {
  it('A-6 a password reset ends the personal API tokens as well as the sessions', async () => {
    const c = await buildCompany(ctx);
    const secret = await token(c.advanced.auth);
    expect((await call(app, { bearer: secret }, 'GET', '/api/v1/me')).statusCode).toBe(200);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email });
    const link = await resetLink(c.advanced.email);
    const ok = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token: link,
      password: 'A brand new secret 9',
    });
    expect(ok.statusCode).toBe(200);
    expectProblem(await call(app, { bearer: secret }, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await call(app, c.advanced.auth, 'GET', '/api/v1/me'), 401, 'unauthenticated');
  });

  it('A-7 changing one’s password ends the tokens and the other sessions; the session that changed it stays', async () => {
    const c = await buildCompany(ctx);
    const secret = await token(c.secondary.auth);
    const other = await logInAs(app, c.secondary.email, testPassword);
    const changed = await call(app, c.secondary.auth, 'POST', '/api/v1/me/password', {
      currentPassword: testPassword,
      newPassword: 'Fresh secret 77',
    });
    expect(changed.statusCode).toBe(200);
    expect((await call(app, c.secondary.auth, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(await call(app, other, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await call(app, { bearer: secret }, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    const tokens = (await call(app, c.secondary.auth, 'GET', '/api/v1/me/tokens')).json();
    expect(JSON.stringify(tokens)).not.toContain('"revokedAt":null');
  });

  it('A-7 a password change also ends a reset link mailed before it', async () => {
    const c = await buildCompany(ctx);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.primary.email });
    const link = await resetLink(c.primary.email);
    await call(app, c.primary.auth, 'POST', '/api/v1/me/password', {
      currentPassword: testPassword,
      newPassword: 'Fresh secret 77',
    });
    const late = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token: link,
      password: 'Someone else 99',
    });
    expect(expectProblem(late, 400, 'validation-failed').errors?.[0]?.field).toBe('token');
  });

  it('A-10 a staff user whose password an admin sets loses their API tokens; a staff reset does too', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const agent = await buildStaff(ctx, 'agent');
    const secret = await token(agent.auth);
    expect((await call(app, { bearer: secret }, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const set = await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, {
      password: 'Admin chose this 42',
    });
    expect(set.statusCode).toBe(200);
    expectProblem(await call(app, { bearer: secret }, 'GET', '/api/v1/me'), 401, 'unauthenticated');

    const billing = await buildStaff(ctx, 'billing');
    const second = await token(billing.auth);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: billing.email });
    const ok = await call(app, null, 'POST', '/api/v1/auth/password-reset/confirm', {
      token: await resetLink(billing.email),
      password: 'A brand new secret 9',
    });
    expect(ok.statusCode).toBe(200);
    expectProblem(await call(app, { bearer: second }, 'GET', '/api/v1/me'), 401, 'unauthenticated');
  });
});
