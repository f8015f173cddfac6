import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff, testPassword, uniq } from '../../../test/factories.js';
import { call, expectProblem, logInAs, setupApp } from '../../../test/helpers.js';

const { app, ctx } = await setupApp();
const strong = 'Quiet harbour lights 4';

describe('staff users (A-10)', () => {
  it('A-10 only an admin lists, creates and changes staff users', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const c = await buildCompany(ctx);
    for (const role of ['agent', 'department_head', 'billing', 'sales', 'content'] as const) {
      const s = await buildStaff(ctx, role);
      expectProblem(await call(app, s.auth, 'GET', '/api/v1/staff/users'), 403);
      expectProblem(await call(app, s.auth, 'POST', '/api/v1/staff/users', { email: `x-${uniq()}@vendor.example`, name: 'X', role: 'admin', password: strong }), 403);
    }
    expectProblem(await call(app, c.primary.auth, 'GET', '/api/v1/staff/users'), 403);
    expectProblem(await call(app, null, 'GET', '/api/v1/staff/users'), 401);
    const email = `billing-${uniq()}@vendor.example`;
    const created = await call(app, admin.auth, 'POST', '/api/v1/staff/users', { email, name: 'Bill Ing', role: 'billing', password: strong });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email, role: 'billing', disabled: false });
    const me = await call(app, await logInAs(app, email, strong, true), 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ kind: 'staff', role: 'billing' });
    const changed = await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${created.json().id}`, { role: 'sales' });
    expect(changed.json().role).toBe('sales');
  });

  it('A-10 staff creation checks the password rule and the e-mail', async () => {
    const admin = await buildStaff(ctx, 'admin');
    expect(expectProblem(await call(app, admin.auth, 'POST', '/api/v1/staff/users', { email: `w-${uniq()}@vendor.example`, name: 'Weak', role: 'agent', password: 'abc' }), 400).errors?.[0]?.field).toBe('password');
    expectProblem(await call(app, admin.auth, 'POST', '/api/v1/staff/users', { email: admin.email.toUpperCase(), name: 'Dup', role: 'agent', password: strong }), 409, 'email-taken');
    expectProblem(await call(app, admin.auth, 'POST', '/api/v1/staff/users', { email: `r-${uniq()}@vendor.example`, name: 'Role', role: 'owner', password: strong }), 400);
  });

  it('A-10 an admin cannot disable or demote itself; disabling another ends its sessions', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const agent = await buildStaff(ctx, 'agent');
    expectProblem(await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${admin.id}`, { disabled: true }), 422);
    expectProblem(await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${admin.id}`, { role: 'agent' }), 422);
    expect((await call(app, agent.auth, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { disabled: true })).json().disabled).toBe(true);
    expectProblem(await call(app, agent.auth, 'GET', '/api/v1/me'), 401);
    expectProblem(await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: testPassword }), 401);
  });

  it('A-5 staff are blocked after 5 failed log-ins too, and an admin unblocks them by setting a password', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const agent = await buildStaff(ctx, 'agent');
    for (let i = 0; i < 5; i++) await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: 'wrong' });
    expectProblem(await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: testPassword }), 423);
    const list = (await call(app, admin.auth, 'GET', '/api/v1/staff/users')).json().items as { id: string; locked: boolean }[];
    expect(list.find((u) => u.id === agent.id)?.locked).toBe(true);
    expect((await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { password: strong })).json().locked).toBe(false);
    expect((await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: strong })).statusCode).toBe(200);
  });
});

describe('companies for staff', () => {
  it('every staff role finds companies by name prefix or a person’s exact e-mail, with their profiles', async () => {
    const tag = uniq();
    const c = await buildCompany(ctx, `Zeta ${tag} Shop`);
    const agent = await buildStaff(ctx, 'agent');
    const byName = await call(app, agent.auth, 'GET', `/api/v1/staff/companies?q=${encodeURIComponent(`zeta ${tag}`)}`);
    expect(byName.json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const byEmail = await call(app, agent.auth, 'GET', `/api/v1/staff/companies?q=${encodeURIComponent(c.advanced.email)}`);
    expect(byEmail.json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const wildcard = await call(app, agent.auth, 'GET', `/api/v1/staff/companies?q=${encodeURIComponent('%')}`);
    expect(wildcard.json().items.every((x: { name: string }) => x.name.startsWith('%'))).toBe(true);
    const detail = await call(app, agent.auth, 'GET', `/api/v1/staff/companies/${c.id}`);
    const roles = detail.json().profiles.map((p: { role: string }) => p.role);
    expect(roles[0]).toBe('primary');
    expect([...roles].sort()).toEqual(['advanced', 'primary', 'secondary']);
    expectProblem(await call(app, agent.auth, 'GET', '/api/v1/staff/companies/00000000-0000-4000-8000-000000000000'), 404);
  });

  it('the companies list pages by keyset without repeats or gaps', async () => {
    const tag = `Page${uniq()}`;
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await buildCompany(ctx, `${tag} ${i}`)).id);
    const admin = await buildStaff(ctx, 'admin');
    const seen: string[] = [];
    let cursor = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = (await call(app, admin.auth, 'GET', `/api/v1/staff/companies?q=${tag.toLowerCase()}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((x: { id: string }) => x.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual([...ids].sort());
    expectProblem(await call(app, admin.auth, 'GET', '/api/v1/staff/companies?cursor=garbage'), 400);
  });
});

describe('audit log (X-3) and dev mailbox (E-1)', () => {
  it('X-3 the audit log lists entries newest first, each exactly once across pages', async () => {
    const c = await buildCompany(ctx);
    const admin = await buildStaff(ctx, 'admin');
    for (let i = 0; i < 5; i++) {
      await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, { jobTitle: `Title ${i}` });
    }
    const seen: { id: string; after: { job_title?: string } }[] = [];
    let cursor = '';
    for (let guard = 0; guard < 10; guard++) {
      const page = (await call(app, admin.auth, 'GET', `/api/v1/staff/audit?entity=profile&entityId=${c.secondary.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.map((e) => e.after.job_title)).toEqual(['Title 4', 'Title 3', 'Title 2', 'Title 1', 'Title 0']);
    expect(new Set(seen.map((e) => e.id)).size).toBe(5);
    expectProblem(await call(app, (await buildStaff(ctx, 'agent')).auth, 'GET', '/api/v1/staff/audit'), 403);
  });

  it('E-1 an admin reads the mail Clientele sent in the dev mailbox; others cannot', async () => {
    const c = await buildCompany(ctx);
    const admin = await buildStaff(ctx, 'admin');
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.secondary.email });
    const list = (await call(app, admin.auth, 'GET', `/api/v1/staff/mailbox?to=${encodeURIComponent(c.secondary.email.toUpperCase())}`)).json();
    expect(list.items).toHaveLength(1);
    const summary = list.items.find((m: { to: string }) => m.to === c.secondary.email);
    expect(summary).toMatchObject({ subject: 'Reset your Clientele password', kind: 'password-reset', status: 'pending' });
    const mail = (await call(app, admin.auth, 'GET', `/api/v1/staff/mailbox/${summary.id}`)).json();
    expect(mail.text).toContain('/reset-password?token=');
    expectProblem(await call(app, (await buildStaff(ctx, 'department_head')).auth, 'GET', '/api/v1/staff/mailbox'), 403);
    expectProblem(await call(app, c.primary.auth, 'GET', `/api/v1/staff/mailbox/${summary.id}`), 403);
    expectProblem(await call(app, admin.auth, 'GET', '/api/v1/staff/mailbox/999999999'), 404);
  });
});
