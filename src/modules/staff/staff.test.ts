import { describe, expect, it } from 'vitest';
import type { StaffRole } from '../../core/permissions.js';
import { buildCompany, buildStaff, testPassword, uniq } from '../../../test/factories.js';
import { type Auth, call, expectProblem, logInAs, setupApp } from '../../../test/helpers.js';

const { app, ctx, clock } = await setupApp();
const strong = 'Quiet harbour lights 4';
const nonAdminRoles: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'content'];
const allRoles: StaffRole[] = [...nonAdminRoles, 'admin'];
const staffRow = (id: string) =>
  ctx.db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const countStaff = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('staff_users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Follows nextCursor from the first page to the last; returns the pages. */
async function allPages<T>(auth: Auth, url: string): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const sep = url.includes('?') ? '&' : '?';
    const res = await call(app, auth, 'GET', cursor ? `${url}${sep}cursor=${encodeURIComponent(cursor)}` : url);
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    const page = res.json() as { items: T[]; nextCursor: string | null };
    pages.push(page.items);
    cursor = page.nextCursor;
    if (!cursor) return pages;
  }
  throw new Error('pagination never ends');
}

describe('A-10 staff users', () => {
  it('A-10 only an admin lists, creates and updates staff users (other roles and customers → 403, anonymous → 401)', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const target = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const before = await countStaff();
    const forbidden: [Auth | null, number][] = [
      [null, 401],
      [c.primary.auth, 403],
      [c.advanced.auth, 403],
      [c.secondary.auth, 403],
    ];
    for (const role of nonAdminRoles) forbidden.push([(await buildStaff(ctx, role)).auth, 403]);
    const countAfterBuilding = await countStaff();
    for (const [auth, status] of forbidden) {
      expectProblem(await call(app, auth, 'GET', '/api/v1/staff/users'), status);
      expectProblem(
        await call(app, auth, 'POST', '/api/v1/staff/users', {
          email: `x-${uniq()}@vendor.example`,
          name: 'X',
          role: 'admin',
          password: strong,
        }),
        status,
      );
      expectProblem(await call(app, auth, 'PATCH', `/api/v1/staff/users/${target.id}`, { role: 'admin' }), status);
    }
    expect(await countStaff()).toBe(countAfterBuilding);
    expect(countAfterBuilding).toBe(before + nonAdminRoles.length);
    expect((await staffRow(target.id)).role).toBe('agent');

    const list = await call(app, admin.auth, 'GET', '/api/v1/staff/users');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; role: string }[];
    expect(items.find((u) => u.id === target.id)).toMatchObject({
      role: 'agent',
      email: target.email,
      disabled: false,
      locked: false,
    });
    expect(JSON.stringify(items)).not.toMatch(/password|hash/i);

    const email = `billing-${uniq()}@vendor.example`;
    const created = await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
      email,
      name: 'Bill Ing',
      role: 'billing',
      password: strong,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email, name: 'Bill Ing', role: 'billing', disabled: false, locked: false });
    const me = await call(app, await logInAs(app, email, strong, true), 'GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ kind: 'staff', role: 'billing', company: null });

    const changed = await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${created.json().id}`, {
      role: 'sales',
      name: 'Bill Sales',
    });
    expect(changed.json()).toMatchObject({ role: 'sales', name: 'Bill Sales' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'staff')
      .where('entity_id', '=', created.json().id)
      .orderBy('id')
      .execute();
    expect(audit.map((e) => [e.action, e.actor_id])).toEqual([
      ['staff.created', admin.id],
      ['staff.logged-in', created.json().id],
      ['staff.updated', admin.id],
    ]);
    expect(audit[2]).toMatchObject({
      before: { role: 'billing', name: 'Bill Ing' },
      after: { role: 'sales', name: 'Bill Sales' },
    });
  });

  it('A-10/A-7 creating a staff user with a weak password → 400 on field password, nothing written', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const before = await countStaff();
    for (const password of ['abc', 'password1', 'wendy weak 2024']) {
      const res = await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
        email: `w-${uniq()}@vendor.example`,
        name: 'Wendy Weak',
        role: 'agent',
        password,
      });
      const p = expectProblem(res, 400, 'validation-failed');
      expect(p.errors?.length).toBeGreaterThan(0);
      expect(p.errors?.every((e) => e.field === 'password')).toBe(true);
    }
    expect(
      expectProblem(
        await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
          email: `r-${uniq()}@vendor.example`,
          name: 'Role',
          role: 'owner',
          password: strong,
        }),
        400,
      ).errors?.[0]?.field,
    ).toBe('role');
    expect(
      expectProblem(
        await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
          email: `r-${uniq()}@vendor.example`,
          name: 'Role',
          role: 'agent',
          password: strong,
          disabled: false,
        }),
        400,
      ).errors?.[0]?.field,
    ).toBe('disabled');
    expect(await countStaff()).toBe(before);
  });

  it('A-10 a duplicate staff e-mail (any case) → 409 email-taken', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const other = await buildStaff(ctx, 'content');
    const before = await countStaff();
    for (const email of [admin.email.toUpperCase(), other.email]) {
      const p = expectProblem(
        await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
          email,
          name: 'Dup Licate',
          role: 'agent',
          password: strong,
        }),
        409,
        'email-taken',
      );
      expect(p.errors?.[0]?.field).toBe('email');
    }
    expect(await countStaff()).toBe(before);
  });

  it('A-1 a staff user cannot take a customer’s e-mail, whatever its case (409 email-taken), and nothing is written', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const c = await buildCompany(ctx);
    const before = await countStaff();
    for (const email of [c.primary.email, c.secondary.email.toUpperCase()]) {
      const p = expectProblem(
        await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
          email,
          name: 'Dup Licate',
          role: 'admin',
          password: strong,
        }),
        409,
        'email-taken',
      );
      expect(p.errors?.[0]?.field).toBe('email');
    }
    expect(await countStaff()).toBe(before);
    // The customer's log-in and password recovery stay theirs.
    expect((await logInAs(app, c.primary.email, testPassword)).cookie).toBeTruthy();
  });

  it('A-1 A-10 an admin changes a staff user’s e-mail, audited; an address in use (staff or customer, any case) is a 409 email-taken', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    for (const email of [c.advanced.email.toUpperCase(), admin.email]) {
      const p = expectProblem(
        await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { email, name: 'Not Saved' }),
        409,
        'email-taken',
      );
      expect(p.errors?.[0]?.field).toBe('email');
    }
    expect(await staffRow(agent.id)).toMatchObject({ email: agent.email, name: agent.name });
    const email = `moved-${uniq()}@vendor.example`;
    const res = await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { email });
    expect(res.json()).toMatchObject({ id: agent.id, email });
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', agent.id)
      .where('action', '=', 'staff.updated')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ before: { email: agent.email }, after: { email } });
    expect((await logInAs(app, email, testPassword, true)).cookie).toBeTruthy();
    // The old address is free again.
    expect(
      (
        await call(app, admin.auth, 'POST', '/api/v1/staff/users', {
          email: agent.email,
          name: 'Next Agent',
          role: 'agent',
          password: strong,
        })
      ).statusCode,
    ).toBe(201);
  });

  it('A-10 an admin cannot disable or demote itself (422)', async () => {
    const admin = await buildStaff(ctx, 'admin');
    expectProblem(
      await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${admin.id}`, { disabled: true }),
      422,
      'unprocessable',
    );
    expectProblem(
      await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${admin.id}`, { role: 'agent' }),
      422,
      'unprocessable',
    );
    expect(await staffRow(admin.id)).toMatchObject({ disabled: false, role: 'admin' });
    expect((await call(app, admin.auth, 'GET', '/api/v1/staff/users')).statusCode).toBe(200);
    // Renaming oneself is fine.
    expect(
      (await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${admin.id}`, { name: 'Ada Admin' })).json().name,
    ).toBe('Ada Admin');
  });

  it('A-10 disabling a staff user ends its sessions at once and it can no longer log in', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const agent = await buildStaff(ctx, 'agent');
    const second = await logInAs(app, agent.email, testPassword, true);
    expect((await call(app, agent.auth, 'GET', '/api/v1/me')).statusCode).toBe(200);
    const res = await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { disabled: true });
    expect(res.json()).toMatchObject({ id: agent.id, disabled: true });
    expectProblem(await call(app, agent.auth, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await call(app, second, 'GET', '/api/v1/staff/companies'), 401, 'unauthenticated');
    expectProblem(
      await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: testPassword }),
      401,
      'invalid-credentials',
    );
    const sessions = await ctx.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('staff_id', '=', agent.id)
      .execute();
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.every((s) => s.revoked_at !== null)).toBe(true);
    // Still listed, never deleted.
    const list = (await call(app, admin.auth, 'GET', '/api/v1/staff/users')).json().items as {
      id: string;
      disabled: boolean;
    }[];
    expect(list.find((u) => u.id === agent.id)?.disabled).toBe(true);
  });

  it('A-10 a disabled staff user’s API tokens stop working and stay dead when it is enabled again', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const agent = await buildStaff(ctx, 'agent');
    const created = await call(app, agent.auth, 'POST', '/api/v1/me/tokens', { name: 'script' });
    expect(created.statusCode).toBe(201);
    const bearer = { bearer: created.json().secret as string };
    expect((await call(app, bearer, 'GET', '/api/v1/staff/companies')).statusCode).toBe(200);
    await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { disabled: true });
    expectProblem(await call(app, bearer, 'GET', '/api/v1/staff/companies'), 401, 'unauthenticated');
    expect(
      (await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { disabled: false })).json().disabled,
    ).toBe(false);
    expect(
      (await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: testPassword }))
        .statusCode,
    ).toBe(200);
    // Enabling the person again must not bring back what was ended when it was disabled.
    expectProblem(await call(app, agent.auth, 'GET', '/api/v1/me'), 401, 'unauthenticated');
    expectProblem(await call(app, bearer, 'GET', '/api/v1/staff/companies'), 401, 'unauthenticated');
  });

  it('A-10 updating an unknown staff user → 404; a non-uuid id → 400', async () => {
    const admin = await buildStaff(ctx, 'admin');
    expectProblem(
      await call(app, admin.auth, 'PATCH', '/api/v1/staff/users/00000000-0000-4000-8000-000000000000', {
        name: 'Nobody',
      }),
      404,
      'not-found',
    );
    expect(
      expectProblem(await call(app, admin.auth, 'PATCH', '/api/v1/staff/users/42', { name: 'Nobody' }), 400).errors?.[0]
        ?.field,
    ).toBe('id');
  });

  it('A-5 staff are blocked after 5 failed log-ins too, and an admin unblocks them by setting a password', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const agent = await buildStaff(ctx, 'agent');
    for (let i = 0; i < 5; i++)
      await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: 'wrong' });
    expectProblem(
      await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: testPassword }),
      423,
      'account-locked',
    );
    const list = (await call(app, admin.auth, 'GET', '/api/v1/staff/users')).json().items as {
      id: string;
      locked: boolean;
    }[];
    expect(list.find((u) => u.id === agent.id)?.locked).toBe(true);
    expect(
      (await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${agent.id}`, { password: strong })).json().locked,
    ).toBe(false);
    expect(
      (await call(app, null, 'POST', '/api/v1/staff/auth/login', { email: agent.email, password: strong })).statusCode,
    ).toBe(200);
  });
});

describe('X-3 audit log', () => {
  it('X-3 newest first; keyset pages (limit 2) return every entry exactly once', async () => {
    const c = await buildCompany(ctx);
    const admin = await buildStaff(ctx, 'admin');
    // 6 entries on one profile: some in the same millisecond (ties on `at`), some minutes apart.
    for (let i = 0; i < 6; i++) {
      if (i % 2 === 0) clock.advance({ minutes: 1 });
      const res = await call(app, c.secondary.auth, 'PATCH', `/api/v1/profiles/${c.secondary.id}`, {
        jobTitle: `Title ${i}`,
      });
      expect(res.statusCode).toBe(200);
    }
    const pages = await allPages<{ id: string; at: string; action: string; after: { job_title?: string } }>(
      admin.auth,
      `/api/v1/staff/audit?entity=profile&entityId=${c.secondary.id}&limit=2`,
    );
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    const seen = pages.flat();
    expect(seen.map((e) => e.after.job_title)).toEqual([
      'Title 5',
      'Title 4',
      'Title 3',
      'Title 2',
      'Title 1',
      'Title 0',
    ]);
    expect(new Set(seen.map((e) => e.id)).size).toBe(6);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.at >= seen[i]!.at).toBe(true);
    expect(seen.every((e) => e.action === 'profile.updated')).toBe(true);
  });

  it('X-3 filters by action and entity; pages of the whole log never repeat an entry', async () => {
    const c = await buildCompany(ctx);
    const admin = await buildStaff(ctx, 'admin');
    await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { phone: '+1 555 0199' });
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.advanced.id}/disable`);
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`);
    const disabled = (
      await allPages<{ entityId: string; action: string }>(
        admin.auth,
        '/api/v1/staff/audit?action=profile.disabled&limit=3',
      )
    ).flat();
    expect(disabled.every((e) => e.action === 'profile.disabled')).toBe(true);
    const mine = disabled
      .filter((e) => e.entityId === c.advanced.id || e.entityId === c.secondary.id)
      .map((e) => e.entityId);
    expect(mine).toEqual([c.secondary.id, c.advanced.id]);
    const company = (await call(app, admin.auth, 'GET', `/api/v1/staff/audit?entity=company&entityId=${c.id}`)).json()
      .items;
    expect(company.map((e: { action: string }) => e.action)).toEqual(['company.updated']);

    const everything = (await allPages<{ id: string }>(admin.auth, '/api/v1/staff/audit?limit=200')).flat();
    expect(new Set(everything.map((e) => e.id)).size).toBe(everything.length);
    const total = Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(everything.length).toBe(total);
  });

  it('X-3 only an admin reads the audit log; a bad cursor or limit is a 400', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const c = await buildCompany(ctx);
    for (const role of nonAdminRoles)
      expectProblem(
        await call(app, (await buildStaff(ctx, role)).auth, 'GET', '/api/v1/staff/audit'),
        403,
        'forbidden',
      );
    expectProblem(await call(app, c.primary.auth, 'GET', '/api/v1/staff/audit'), 403, 'forbidden');
    expectProblem(await call(app, null, 'GET', '/api/v1/staff/audit'), 401, 'unauthenticated');
    expect(
      expectProblem(await call(app, admin.auth, 'GET', '/api/v1/staff/audit?cursor=garbage'), 400).errors?.[0]?.field,
    ).toBe('cursor');
    expect(
      expectProblem(await call(app, admin.auth, 'GET', '/api/v1/staff/audit?limit=0'), 400).errors?.[0]?.field,
    ).toBe('limit');
    expect(
      expectProblem(await call(app, admin.auth, 'GET', '/api/v1/staff/audit?limit=abc'), 400).errors?.[0]?.field,
    ).toBe('limit');
  });
});

describe('companies for staff', () => {
  it('every staff role lists companies and finds them by name prefix or a profile’s exact e-mail; customers cannot', async () => {
    const tag = uniq();
    const c = await buildCompany(ctx, `Zeta ${tag} Shop`);
    const other = await buildCompany(ctx, `Zeta ${tag}x Other`);
    for (const role of allRoles) {
      const s = await buildStaff(ctx, role);
      const byName = await call(app, s.auth, 'GET', `/api/v1/staff/companies?q=${encodeURIComponent(`zeta ${tag} s`)}`);
      expect(byName.statusCode).toBe(200);
      expect(byName.json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
      const prefix = await call(app, s.auth, 'GET', `/api/v1/staff/companies?q=${encodeURIComponent(`ZETA ${tag}`)}`);
      expect(
        prefix
          .json()
          .items.map((x: { id: string }) => x.id)
          .sort(),
      ).toEqual([c.id, other.id].sort());
      const byEmail = await call(
        app,
        s.auth,
        'GET',
        `/api/v1/staff/companies?q=${encodeURIComponent(c.secondary.email.toUpperCase())}`,
      );
      expect(byEmail.json().items).toEqual([expect.objectContaining({ id: c.id, name: c.name })]);
    }
    // Only the exact e-mail, not a part of it; not the middle of a name.
    const agent = await buildStaff(ctx, 'agent');
    expect(
      (
        await call(
          app,
          agent.auth,
          'GET',
          `/api/v1/staff/companies?q=${encodeURIComponent(c.secondary.email.slice(0, -3))}`,
        )
      ).json().items,
    ).toEqual([]);
    expect(
      (await call(app, agent.auth, 'GET', `/api/v1/staff/companies?q=${encodeURIComponent(`${tag} shop`)}`)).json()
        .items,
    ).toEqual([]);
    // LIKE wildcards are plain characters.
    const wildcard = await call(app, agent.auth, 'GET', `/api/v1/staff/companies?q=${encodeURIComponent('%')}`);
    expect(wildcard.json().items.every((x: { name: string }) => x.name.startsWith('%'))).toBe(true);
    for (const who of [c.primary, c.advanced, c.secondary])
      expectProblem(await call(app, who.auth, 'GET', '/api/v1/staff/companies'), 403, 'forbidden');
    expectProblem(await call(app, null, 'GET', '/api/v1/staff/companies'), 401);
  });

  it('the companies list pages by keyset (limit 2) without repeats or gaps', async () => {
    const tag = `Page${uniq()}`;
    const ids: string[] = [];
    for (const name of ['b', 'A', 'c', 'a', 'B']) ids.push((await buildCompany(ctx, `${tag} ${name}`)).id);
    const sales = await buildStaff(ctx, 'sales');
    const pages = await allPages<{ id: string; name: string }>(
      sales.auth,
      `/api/v1/staff/companies?q=${tag.toLowerCase()}&limit=2`,
    );
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const seen = pages.flat();
    expect(seen.map((x) => x.id).sort()).toEqual([...ids].sort());
    const names = seen.map((x) => x.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    // The whole list pages without repeats too.
    const all = (await allPages<{ id: string }>(sales.auth, '/api/v1/staff/companies?limit=200')).flat();
    expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
    expect(all.map((x) => x.id)).toEqual(expect.arrayContaining(ids));
    expectProblem(await call(app, sales.auth, 'GET', '/api/v1/staff/companies?cursor=garbage'), 400);
    expectProblem(await call(app, sales.auth, 'GET', '/api/v1/staff/companies?limit=201'), 400);
  });

  it('a company’s detail lists its profiles, primary first, with status and lock mark', async () => {
    const c = await buildCompany(ctx);
    await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/disable`);
    const content = await buildStaff(ctx, 'content');
    const res = await call(app, content.auth, 'GET', `/api/v1/staff/companies/${c.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.company).toMatchObject({ id: c.id, name: c.name, preSales: true });
    expect(body.profiles[0]).toMatchObject({ id: c.primary.id, role: 'primary', email: c.primary.email });
    expect(body.profiles.map((p: { id: string }) => p.id).sort()).toEqual(
      [c.primary.id, c.advanced.id, c.secondary.id].sort(),
    );
    expect(body.profiles.find((p: { id: string }) => p.id === c.secondary.id)).toMatchObject({
      status: 'disabled',
      locked: false,
    });
    expect(JSON.stringify(body)).not.toMatch(/password|hash/i);
    expectProblem(
      await call(app, content.auth, 'GET', '/api/v1/staff/companies/00000000-0000-4000-8000-000000000000'),
      404,
      'not-found',
    );
    expectProblem(await call(app, content.auth, 'GET', '/api/v1/staff/companies/nope'), 400);
    expectProblem(await call(app, c.primary.auth, 'GET', `/api/v1/staff/companies/${c.id}`), 403);
  });
});

describe('E-1 dev mailbox', () => {
  it('E-1 an admin lists the mail newest first and reads one mail’s text', async () => {
    const c = await buildCompany(ctx);
    const admin = await buildStaff(ctx, 'admin');
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.secondary.email });
    clock.advance({ minutes: 2 });
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.advanced.email });
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.secondary.email });

    // By recipient (any case): this person's two mails, the newer first.
    const mine = await call(
      app,
      admin.auth,
      'GET',
      `/api/v1/staff/mailbox?to=${encodeURIComponent(c.secondary.email.toUpperCase())}`,
    );
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as {
      id: string;
      to: string;
      createdAt: string;
      subject: string;
      kind: string;
      status: string;
    }[];
    expect(items).toHaveLength(2);
    expect(items.map((m) => m.createdAt)).toEqual([
      clock.now().toISOString(),
      new Date(clock.now().getTime() - 120_000).toISOString(),
    ]);
    expect(
      items.every((m) => m.to === c.secondary.email && m.kind === 'password-reset' && m.status === 'pending'),
    ).toBe(true);
    expect(items[0]?.subject).toBe('Reset your Clientele password');

    // The whole mailbox, page by page (the database is shared with other test files): newest first, no repeats.
    const byOne = await allPages<{ id: string }>(
      admin.auth,
      `/api/v1/staff/mailbox?to=${encodeURIComponent(c.secondary.email)}&limit=1`,
    );
    expect(byOne.map((p) => p.map((m) => m.id))).toEqual([[items[0]!.id], [items[1]!.id]]);
    const all = (
      await allPages<{ id: string; to: string; createdAt: string }>(admin.auth, '/api/v1/staff/mailbox?limit=200')
    ).flat();
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && BigInt(a.id) > BigInt(b.id))).toBe(true);
    }
    const position = (to: string) => all.map((m, i) => (m.to === to ? i : -1)).filter((i) => i >= 0);
    expect(position(c.secondary.email)).toHaveLength(2);
    expect(position(c.advanced.email)[0]).toBeGreaterThan(position(c.secondary.email)[0]!);
    expect(position(c.advanced.email)[0]).toBeLessThan(position(c.secondary.email)[1]!);

    const mail = await call(app, admin.auth, 'GET', `/api/v1/staff/mailbox/${items[1]!.id}`);
    expect(mail.statusCode).toBe(200);
    expect(mail.json()).toMatchObject({
      id: items[1]!.id,
      to: c.secondary.email,
      kind: 'password-reset',
      messageId: expect.stringContaining('@'),
    });
    expect(mail.json().text).toContain('http://clientele.test/reset-password?token=');
    expectProblem(await call(app, admin.auth, 'GET', '/api/v1/staff/mailbox/999999999'), 404, 'not-found');
    expectProblem(await call(app, admin.auth, 'GET', '/api/v1/staff/mailbox/abc'), 400);
  });

  it('E-1 a non-admin staff user or a customer cannot read the mailbox (403)', async () => {
    const c = await buildCompany(ctx);
    await call(app, null, 'POST', '/api/v1/auth/password-reset', { email: c.primary.email });
    const id = (
      await ctx.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('to_address', '=', c.primary.email)
        .executeTakeFirstOrThrow()
    ).id;
    for (const role of nonAdminRoles) {
      const s = await buildStaff(ctx, role);
      expectProblem(await call(app, s.auth, 'GET', '/api/v1/staff/mailbox'), 403, 'forbidden');
      expectProblem(await call(app, s.auth, 'GET', `/api/v1/staff/mailbox/${id}`), 403, 'forbidden');
    }
    for (const who of [c.primary, c.advanced, c.secondary]) {
      expectProblem(await call(app, who.auth, 'GET', '/api/v1/staff/mailbox'), 403, 'forbidden');
      expectProblem(await call(app, who.auth, 'GET', `/api/v1/staff/mailbox/${id}`), 403, 'forbidden');
    }
    expectProblem(await call(app, null, 'GET', `/api/v1/staff/mailbox/${id}`), 401, 'unauthenticated');
  });
});

describe('A-10 an admin changing their own password', () => {
  it('keeps the session that made the change and ends the others', async () => {
    const admin = await buildStaff(ctx, 'admin');
    const other = await logInAs(app, admin.email, testPassword, true);
    const res = await call(app, admin.auth, 'PATCH', `/api/v1/staff/users/${admin.id}`, {
      password: 'Brand new harbour 8',
    });
    expect(res.statusCode).toBe(200);
    expect((await call(app, admin.auth, 'GET', '/api/v1/me')).statusCode).toBe(200);
    expectProblem(await call(app, other, 'GET', '/api/v1/me'), 401);
  });
});

describe('issue 11 times in the viewer’s zone: the person’s own time zone', () => {
  it('GET /me gives a profile its timeZone: null until chosen, the chosen zone after, null again for "automatic"', async () => {
    const c = await buildCompany(ctx);
    const me = async () => (await call(app, c.advanced.auth, 'GET', '/api/v1/me')).json() as { timeZone: unknown };
    expect((await me()).timeZone).toBeNull();
    const set = await call(app, c.advanced.auth, 'PATCH', `/api/v1/profiles/${c.advanced.id}`, {
      timezone: 'America/New_York',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ timezone: 'America/New_York' });
    expect((await me()).timeZone).toBe('America/New_York');
    const automatic = await call(app, c.advanced.auth, 'PATCH', `/api/v1/profiles/${c.advanced.id}`, {
      timezone: null,
    });
    expect(automatic.json()).toMatchObject({ timezone: null });
    expect((await me()).timeZone).toBeNull();
  });

  it('every staff role sets its own time zone with PATCH /staff/me; GET /me reflects it; audited; customers 403, anonymous 401', async () => {
    for (const role of allRoles) {
      const s = await buildStaff(ctx, role);
      const me = async () => (await call(app, s.auth, 'GET', '/api/v1/me')).json() as { timeZone: unknown };
      expect((await me()).timeZone).toBeNull();
      const res = await call(app, s.auth, 'PATCH', '/api/v1/staff/me', { timezone: 'Asia/Dubai' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: s.id, timezone: 'Asia/Dubai' });
      expect((await me()).timeZone).toBe('Asia/Dubai');
      expect((await call(app, s.auth, 'GET', '/api/v1/staff/me')).json()).toMatchObject({
        id: s.id,
        timezone: 'Asia/Dubai',
      });
      expect((await staffRow(s.id)).timezone).toBe('Asia/Dubai');
    }
    const s = await buildStaff(ctx, 'agent');
    await call(app, s.auth, 'PATCH', '/api/v1/staff/me', { timezone: 'Europe/Berlin' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after', 'actor_id'])
      .where('entity', '=', 'staff')
      .where('entity_id', '=', s.id)
      .execute();
    expect(audit).toEqual([
      {
        action: 'staff.settings-updated',
        before: { timezone: null },
        after: { timezone: 'Europe/Berlin' },
        actor_id: s.id,
      },
    ]);
    // Back to automatic.
    expect((await call(app, s.auth, 'PATCH', '/api/v1/staff/me', { timezone: null })).json()).toMatchObject({
      timezone: null,
    });
    expect((await staffRow(s.id)).timezone).toBeNull();

    const c = await buildCompany(ctx);
    for (const [auth, status] of [
      [null, 401],
      [c.primary.auth, 403],
    ] as const) {
      expectProblem(await call(app, auth, 'PATCH', '/api/v1/staff/me', { timezone: 'UTC' }), status);
      expectProblem(await call(app, auth, 'GET', '/api/v1/staff/me'), status);
    }
  });

  it('an unknown zone, a wrong type or another field is a per-field validation problem and changes nothing', async () => {
    const s = await buildStaff(ctx, 'agent');
    await call(app, s.auth, 'PATCH', '/api/v1/staff/me', { timezone: 'Europe/Paris' });
    for (const [body, field] of [
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ timezone: '../etc' }, 'timezone'],
      [{ timezone: 5 }, 'timezone'],
    ] as const) {
      const res = await call(app, s.auth, 'PATCH', '/api/v1/staff/me', body);
      expect(expectProblem(res, 400, 'validation-failed').errors?.map((e) => e.field)).toEqual([field]);
    }
    // A staff user cannot change their own role or name here (the admin's call, A-10).
    expectProblem(await call(app, s.auth, 'PATCH', '/api/v1/staff/me', { role: 'admin' }), 400, 'validation-failed');
    expect(await staffRow(s.id)).toMatchObject({ timezone: 'Europe/Paris', role: 'agent' });
  });
});
