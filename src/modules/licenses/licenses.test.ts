import { describe, expect, it } from 'vitest';
import { buildCatalogue, buildCompany, buildLicense, buildStaff, mailTo, uniq } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';

const { app, ctx, clock } = await setupApp();

const fields = (res: { json: () => { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
const history = async (auth: Parameters<typeof call>[1], key: string) =>
  (await call(app, auth, 'GET', `/api/v1/licenses/${key}/history`))
    .json()
    .items.map((e: { kind: string }) => e.kind) as string[];

describe('licenses: My licenses (L-1, L-2)', () => {
  it('L-1 staff issue a license with a 16-capital-letter key, Pending until the purchase is verified', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const billing = await buildStaff(ctx, 'billing');
    const res = await call(app, billing.auth, 'POST', '/api/v1/staff/licenses', {
      companyId: c.id,
      productId: cat.productId,
      version: '4.7.2',
      url: 'https://shop.example.com',
      modules: [{ productId: cat.moduleId }],
    });
    expect(res.statusCode).toBe(201);
    const l = res.json();
    expect(l.key).toMatch(/^[A-Z]{16}$/);
    expect(l.state).toBe('pending');
    expect(l.products.map((p: { kind: string; version: string }) => [p.kind, p.version])).toEqual([
      ['main', '4.7.2'],
      ['module', '4.7.2'],
    ]);
    const verified = await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/verify`);
    expect(verified.json().state).toBe('not_accepted');
    expect(await history(c.primary.auth, l.key)).toEqual(['purchased', 'verified']);
  });

  it('L-1 keys differ from license to license and come from the whole alphabet', async () => {
    const { generateLicenseKey } = await import('./license-key.js');
    const keys = new Set(Array.from({ length: 2000 }, generateLicenseKey));
    expect(keys.size).toBe(2000);
    expect(new Set([...keys].join('')).size).toBe(26);
  });

  it('L-2 lists the company licenses with URL (substring), brand and status filters; all filters clear shows all', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const cat2 = await buildCatalogue(ctx);
    const a = await buildLicense(ctx, c.id, cat, { url: 'https://alpha-store.example.com' });
    const b = await buildLicense(ctx, c.id, cat2, { url: 'https://beta.example.org/shop' });
    await buildLicense(ctx, (await buildCompany(ctx)).id, cat, { url: 'https://alpha-other.example.com' });
    await call(app, c.secondary.auth, 'PATCH', `/api/v1/licenses/${b.key}`, { holderStatus: 'Test' });
    const keys = async (q: string) =>
      (await call(app, c.secondary.auth, 'GET', `/api/v1/licenses${q}`))
        .json()
        .items.map((l: { key: string }) => l.key);
    expect((await keys('')).sort()).toEqual([a.key, b.key].sort());
    expect(await keys('?url=ALPHA')).toEqual([a.key]);
    expect(await keys(`?brand=${cat2.brandId}`)).toEqual([b.key]);
    expect(await keys('?status=Test')).toEqual([b.key]);
    expect(await keys('?url=%25')).toEqual([]); // a LIKE wildcard is a plain character
    const one = (await call(app, c.secondary.auth, 'GET', `/api/v1/licenses?url=alpha`)).json().items[0];
    expect(one.addMoreUrl).toBe(`https://shop.example.com/addons?license=${a.key}`);
  });

  it('L-2 pages the list with a cursor, newest first', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const made = [];
    for (let i = 0; i < 5; i++) {
      clock.advance({ minutes: 1 });
      made.push((await buildLicense(ctx, c.id, cat)).key);
    }
    const p1 = (await call(app, c.primary.auth, 'GET', '/api/v1/licenses?limit=3')).json();
    const p2 = (await call(app, c.primary.auth, 'GET', `/api/v1/licenses?limit=3&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((l: { key: string }) => l.key)).toEqual(made.reverse());
    expect(p2.nextCursor).toBeNull();
  });

  it('L-2 the holder sets a status and a store version (a release of the product); a wrong one is refused', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const l = await buildLicense(ctx, c.id, cat);
    const ok = await call(app, c.secondary.auth, 'PATCH', `/api/v1/licenses/${l.key}`, {
      holderStatus: 'In use',
      holderVersion: '4.7.1',
    });
    expect(ok.json()).toMatchObject({ holderStatus: 'In use', holderVersion: '4.7.1' });
    expect(
      fields(await call(app, c.primary.auth, 'PATCH', `/api/v1/licenses/${l.key}`, { holderVersion: '9.9.9' })),
    ).toEqual(['holderVersion']);
    expect(
      fields(await call(app, c.primary.auth, 'PATCH', `/api/v1/licenses/${l.key}`, { holderStatus: 'Whatever' })),
    ).toEqual(['holderStatus']);
    expect(await history(c.primary.auth, l.key)).toEqual(['status-changed', 'version-changed']);
  });

  it("L-2 another company's license, or a key of the wrong shape, is not found", async () => {
    const c = await buildCompany(ctx);
    const other = await buildCompany(ctx);
    const l = await buildLicense(ctx, other.id, await buildCatalogue(ctx));
    expectProblem(await call(app, c.primary.auth, 'GET', `/api/v1/licenses/${l.key}`), 404);
    expectProblem(await call(app, c.primary.auth, 'GET', `/api/v1/licenses/${l.key}/history`), 404);
    expectProblem(await call(app, c.primary.auth, 'GET', '/api/v1/licenses/abc'), 404);
    expectProblem(
      await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, { url: 'https://mine.example.com' }),
      404,
    );
  });
});

describe('licenses: accept and register (L-3, L-4)', () => {
  it('L-3 the primary reads the agreement and accepts it; the license becomes Active', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { state: 'not_accepted' });
    const agreement = await call(app, c.secondary.auth, 'GET', `/api/v1/licenses/${l.key}/agreement`);
    expect(agreement.json().text).toContain('one store');
    expectProblem(await call(app, c.advanced.auth, 'POST', `/api/v1/licenses/${l.key}/accept`, { agree: true }), 403);
    expect(
      fields(await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/accept`, { agree: false })),
    ).toEqual(['agree']);
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/accept`, { agree: true });
    expect(res.json()).toMatchObject({ state: 'active' });
    expect(res.json().acceptedAt).toBe(clock.now().toISOString());
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/accept`, { agree: true }), 409);
    expect(await history(c.primary.auth, l.key)).toEqual(['accepted']);
  });

  it('L-3 a Pending license cannot be accepted before the purchase is verified', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { state: 'pending' });
    const p = expectProblem(
      await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/accept`, { agree: true }),
      422,
    );
    expect(p.detail).toContain('not verified');
  });

  it('L-4 registering needs an accepted license with a URL, happens once, and is in the history', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const noUrl = await buildLicense(ctx, c.id, cat);
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${noUrl.key}/register`), 422);
    const notAccepted = await buildLicense(ctx, c.id, cat, { state: 'not_accepted', url: 'https://a.example.com' });
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${notAccepted.key}/register`), 422);
    const l = await buildLicense(ctx, c.id, cat, { url: 'https://a.example.com' });
    expectProblem(await call(app, c.advanced.auth, 'POST', `/api/v1/licenses/${l.key}/register`), 403);
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/register`);
    expect(res.json()).toMatchObject({ nextDomainChange: 'free-once' });
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/register`), 409);
    expect(await history(c.primary.auth, l.key)).toEqual(['registered']);
  });
});

describe('licenses: change URL (L-5)', () => {
  const change = (auth: Parameters<typeof call>[1], key: string, url: string, acknowledgeRemoval?: boolean) =>
    call(
      app,
      auth,
      'POST',
      `/api/v1/licenses/${key}/url`,
      acknowledgeRemoval === undefined ? { url } : { url, acknowledgeRemoval },
    );

  it('L-5 folder and third-level domain changes are free and unlimited, also after registration', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), {
      url: 'https://shop.example.com',
      registered: true,
    });
    for (const [url, kind] of [
      ['https://shop.example.com/store', 'folder'],
      ['https://store.example.com/store', 'subdomain'],
      ['https://store.example.com', 'folder'],
      ['https://shop.example.com', 'subdomain'],
    ] as const) {
      const res = await change(c.primary.auth, l.key, url);
      expect(res.json()).toMatchObject({ change: kind, state: 'applied', fee: false });
    }
    const after = (await call(app, c.primary.auth, 'GET', `/api/v1/licenses/${l.key}`)).json();
    expect(after).toMatchObject({ url: 'https://shop.example.com', nextDomainChange: 'free-once' });
  });

  it('L-5 domain changes are free before the first registration, one is free after it, then a fee is due', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { url: 'https://one-store.com' });
    expect((await change(c.primary.auth, l.key, 'https://two-store.net', true)).json()).toMatchObject({
      change: 'domain',
      state: 'applied',
      fee: false,
    });
    expect((await change(c.primary.auth, l.key, 'https://three-store.org', true)).json()).toMatchObject({
      state: 'applied',
      license: { nextDomainChange: 'free' },
    });
    await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/register`);
    expect((await change(c.primary.auth, l.key, 'https://four-store.com', true)).json()).toMatchObject({
      state: 'applied',
      fee: false,
      license: { nextDomainChange: 'fee' },
    });
    const due = await change(c.primary.auth, l.key, 'https://five-store.com', true);
    expect(due.json()).toMatchObject({
      change: 'domain',
      state: 'fee_due',
      fee: true,
      license: { url: 'https://four-store.com', pendingUrlChange: { toUrl: 'https://five-store.com' } },
    });
    // Nothing else changes while the fee is due; a second request is refused.
    expectProblem(await change(c.primary.auth, l.key, 'https://six-store.com', true), 409);
    expectProblem(
      await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'existing',
        email: 'x@example.com',
      }),
      409,
    );
    // Staff waive the fee (until billing invoices it, B-3): the change happens.
    const billing = await buildStaff(ctx, 'billing');
    expectProblem(
      await call(
        app,
        (await buildStaff(ctx, 'agent')).auth,
        'POST',
        `/api/v1/staff/licenses/${l.key}/url-change/waive`,
      ),
      403,
    );
    const waived = await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/url-change/waive`);
    expect(waived.json()).toMatchObject({ url: 'https://five-store.com', pendingUrlChange: null });
    expect(await history(c.primary.auth, l.key)).toEqual([
      'url-changed',
      'url-changed',
      'registered',
      'url-changed',
      'url-change-fee-due',
      'url-change-fee-waived',
      'url-changed',
    ]);
  });

  it('L-5 the holder can withdraw a change that waits for its fee', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), {
      url: 'https://one-store.com',
      registered: true,
    });
    await change(c.primary.auth, l.key, 'https://two-store.com', true);
    await change(c.primary.auth, l.key, 'https://three-store.com', true);
    const res = await call(app, c.primary.auth, 'DELETE', `/api/v1/licenses/${l.key}/url-change`);
    expect(res.json()).toMatchObject({ url: 'https://two-store.com', pendingUrlChange: null });
    expectProblem(await call(app, c.primary.auth, 'DELETE', `/api/v1/licenses/${l.key}/url-change`), 404);
  });

  it('L-5 a domain change needs the 48-hour removal acknowledgement; nothing changes without it', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { url: 'https://one-store.com' });
    expect(fields(await change(c.primary.auth, l.key, 'https://two-store.com'))).toEqual(['acknowledgeRemoval']);
    expect(fields(await change(c.primary.auth, l.key, 'https://two-store.com', false))).toEqual(['acknowledgeRemoval']);
    expect((await call(app, c.primary.auth, 'GET', `/api/v1/licenses/${l.key}`)).json().url).toBe(
      'https://one-store.com',
    );
    expect(await history(c.primary.auth, l.key)).toEqual([]);
  });

  it('L-5 compares registrable domains by the public suffix list (shop.example.co.uk → store.example.co.uk is free)', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), {
      url: 'https://shop.example.co.uk',
      registered: true,
    });
    expect((await change(c.primary.auth, l.key, 'https://store.example.co.uk')).json()).toMatchObject({
      change: 'subdomain',
    });
    expect((await change(c.primary.auth, l.key, 'https://store.other.co.uk', true)).json()).toMatchObject({
      change: 'domain',
      state: 'applied',
    });
  });

  it('L-5 refuses addresses that are not store URLs, with a field error and no change', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { url: 'https://one.example.com' });
    for (const bad of [
      'javascript:alert(1)',
      'not a url',
      'ftp://files.example.com',
      'https://user:pw@example.com',
      'https://com',
      'https://one.example.com',
    ]) {
      expect(fields(await change(c.primary.auth, l.key, bad, true)), bad).toEqual(['url']);
    }
    // IDN hosts are stored as punycode; the same name in either form is the same address.
    expect((await change(c.primary.auth, l.key, 'https://bücher.example.com', true)).json().license.url).toBe(
      'https://xn--bcher-kva.example.com',
    );
    expect(fields(await change(c.primary.auth, l.key, 'https://xn--bcher-kva.example.com'))).toEqual(['url']);
  });

  it('L-5 only the primary changes a URL (A-2)', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { url: 'https://one.example.com' });
    expectProblem(await change(c.advanced.auth, l.key, 'https://one.example.com/x'), 403);
    expectProblem(await change(c.secondary.auth, l.key, 'https://one.example.com/x'), 403);
  });
});

describe('licenses: transfers (L-7, L-8)', () => {
  it('L-7 a transfer to an existing customer waits for the receiving primary; the license, modules and subscriptions move; both histories record it', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const l = await buildLicense(ctx, a.id, cat, { url: 'https://one.example.com', modules: [cat.moduleId] });
    await ctx.db
      .insertInto('license_subscriptions')
      .values({
        license_id: l.id,
        name: 'Updates',
        expires_at: new Date('2027-01-01T00:00:00Z'),
        created_at: clock.now(),
      })
      .execute();
    const req = await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
      to: 'existing',
      email: b.primary.email.toUpperCase(),
    });
    expect(req.statusCode).toBe(201);
    expect(req.json()).toMatchObject({ direction: 'outgoing', state: 'requested', toCompany: b.name });
    expect((await mailTo(ctx, b.primary.email)).map((m) => m.kind)).toEqual(['license-transfer-requested']);
    const incoming = (await call(app, b.primary.auth, 'GET', '/api/v1/license-transfers')).json().items;
    expect(incoming).toMatchObject([{ id: req.json().id, direction: 'incoming', licenseKey: l.key }]);
    // Nobody else can accept it; the sender cannot accept their own request.
    expectProblem(await call(app, a.primary.auth, 'POST', `/api/v1/license-transfers/${req.json().id}/accept`), 404);
    const done = await call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${req.json().id}/accept`);
    expect(done.json()).toMatchObject({ state: 'completed' });
    const moved = (await call(app, b.primary.auth, 'GET', `/api/v1/licenses/${l.key}`)).json();
    expect(moved).toMatchObject({
      state: 'not_accepted',
      products: [{ kind: 'main' }, { kind: 'module' }],
      subscriptions: [{ name: 'Updates' }],
    });
    expectProblem(await call(app, a.primary.auth, 'GET', `/api/v1/licenses/${l.key}`), 404);
    // The former holder sees it as Transferred, with its history up to the transfer.
    const gone = (await call(app, a.primary.auth, 'GET', '/api/v1/licenses?state=transferred')).json().items;
    expect(gone).toMatchObject([{ key: l.key, state: 'transferred', url: 'https://one.example.com' }]);
    expect(await history(a.primary.auth, l.key)).toEqual(['transfer-requested', 'transferred-out']);
    expect(await history(b.primary.auth, l.key)).toEqual(['transferred-in']);
    expect((await mailTo(ctx, a.primary.email)).map((m) => m.kind)).toContain('license-transfer-completed');
  });

  it('L-7 a transfer to a new customer is approved by staff, who create the company; its owner is invited by e-mail', async () => {
    const a = await buildCompany(ctx);
    const l = await buildLicense(ctx, a.id, await buildCatalogue(ctx));
    const email = `new-holder-${Date.now()}@example.net`;
    const req = await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
      to: 'new',
      company: { name: 'Newco Ltd' },
      account: { name: 'Nora Newco', email },
    });
    expect(req.json()).toMatchObject({ newCustomer: true, toCompany: 'Newco Ltd', state: 'requested' });
    const sales = await buildStaff(ctx, 'sales');
    const open = (await call(app, sales.auth, 'GET', '/api/v1/staff/license-transfers')).json().items;
    expect(open.map((t: { id: string }) => t.id)).toContain(req.json().id);
    const ok = await call(app, sales.auth, 'POST', `/api/v1/staff/license-transfers/${req.json().id}/approve`);
    expect(ok.json()).toMatchObject({ state: 'completed', toCompany: 'Newco Ltd' });
    const profile = await ctx.db
      .selectFrom('profiles')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(profile.role).toBe('primary');
    // The invitation link proves the address: the new owner needs no separate confirmation.
    expect(profile.email_confirmed_at).not.toBeNull();
    expect((await mailTo(ctx, email)).map((m) => m.kind)).toEqual(['invitation']);
    const owner = await ctx.db
      .selectFrom('licenses')
      .select('company_id')
      .where('key', '=', l.key)
      .executeTakeFirstOrThrow();
    expect(owner.company_id).toBe(profile.company_id);
  });

  it('A-1 L-7 a transfer to a new customer cannot use an address in use (409 email-taken on account.email), at request or approval', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const l = await buildLicense(ctx, a.id, await buildCatalogue(ctx));
    const staff = await buildStaff(ctx, 'agent');
    const toNew = (email: string) =>
      call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'new',
        company: { name: 'Takenco' },
        account: { name: 'Tess Taken', email },
      });
    for (const email of [staff.email, staff.email.toUpperCase(), b.primary.email.toUpperCase()]) {
      expect(expectProblem(await toNew(email), 409, 'email-taken').errors?.map((e) => e.field)).toEqual([
        'account.email',
      ]);
    }
    // Free when asked, taken by a staff user before the approval: refused then, and nothing moves.
    const email = `late-${uniq()}@example.net`;
    const req = await toNew(email);
    expect(req.statusCode).toBe(201);
    const now = clock.now();
    await ctx.db
      .insertInto('staff_users')
      .values({ email: email.toUpperCase(), name: 'Quick Staff', role: 'agent', created_at: now, updated_at: now })
      .execute();
    const sales = await buildStaff(ctx, 'sales');
    const approve = await call(app, sales.auth, 'POST', `/api/v1/staff/license-transfers/${req.json().id}/approve`);
    expect(expectProblem(approve, 409, 'email-taken').errors?.map((e) => e.field)).toEqual(['account.email']);
    const owner = await ctx.db
      .selectFrom('licenses')
      .select('company_id')
      .where('id', '=', l.id)
      .executeTakeFirstOrThrow();
    expect(owner.company_id).toBe(a.id);
    const companies = await ctx.db.selectFrom('companies').select('id').where('name', '=', 'Takenco').execute();
    expect(companies).toHaveLength(0);
    const open = await ctx.db
      .selectFrom('license_transfers')
      .select('state')
      .where('id', '=', req.json().id)
      .executeTakeFirstOrThrow();
    expect(open.state).toBe('requested');
  });

  it('L-7 refuses a transfer to oneself, to an unknown e-mail, a second open request, and a Pending license', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const l = await buildLicense(ctx, a.id, cat);
    expect(
      fields(
        await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
          to: 'existing',
          email: a.advanced.email,
        }),
      ),
    ).toEqual(['email']);
    expect(
      fields(
        await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
          to: 'existing',
          email: 'nobody@example.com',
        }),
      ),
    ).toEqual(['email']);
    expect(
      fields(
        await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
          to: 'existing',
          email: b.secondary.email,
        }),
      ),
    ).toEqual(['email']);
    expect(
      fields(
        await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
          to: 'new',
          company: { name: 'X' },
          account: { name: 'Y Z', email: b.primary.email },
        }),
      ),
    ).toEqual(['account.email']);
    expectProblem(
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, { to: 'sideways' }),
      400,
    );
    expect(
      (
        await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
          to: 'existing',
          email: b.primary.email,
        })
      ).statusCode,
    ).toBe(201);
    expectProblem(
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'existing',
        email: b.primary.email,
      }),
      409,
    );
    const pending = await buildLicense(ctx, a.id, cat, { state: 'pending' });
    expectProblem(
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${pending.key}/transfers`, {
        to: 'existing',
        email: b.primary.email,
      }),
      422,
    );
    expectProblem(
      await call(app, a.advanced.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'existing',
        email: b.primary.email,
      }),
      403,
    );
  });

  it('L-7 the receiver can decline and the sender cancel; a closed request cannot be accepted', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const l = await buildLicense(ctx, a.id, await buildCatalogue(ctx));
    const t1 = (
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'existing',
        email: b.primary.email,
      })
    ).json();
    expect((await call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${t1.id}/decline`)).json().state).toBe(
      'declined',
    );
    expectProblem(await call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${t1.id}/accept`), 409);
    const t2 = (
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'existing',
        email: b.primary.email,
      })
    ).json();
    expectProblem(await call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${t2.id}/cancel`), 404);
    expect((await call(app, a.primary.auth, 'POST', `/api/v1/license-transfers/${t2.id}/cancel`)).json().state).toBe(
      'cancelled',
    );
    expect(
      (await ctx.db.selectFrom('licenses').select('company_id').where('id', '=', l.id).executeTakeFirstOrThrow())
        .company_id,
    ).toBe(a.id);
    expect(await history(a.primary.auth, l.key)).toEqual([
      'transfer-requested',
      'transfer-declined',
      'transfer-requested',
      'transfer-cancelled',
    ]);
  });

  it('L-7 of two concurrent transfer requests of one license exactly one is stored', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, a.id, await buildCatalogue(ctx));
    const results = await Promise.all(
      [b, c].map((to) =>
        call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
          to: 'existing',
          email: to.primary.email,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const open = await ctx.db
      .selectFrom('license_transfers')
      .select('id')
      .where('license_id', '=', l.id)
      .where('state', '=', 'requested')
      .execute();
    expect(open).toHaveLength(1);
  });

  it('L-7 when the receiver accepts and the sender cancels at the same moment, exactly one wins', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await buildCompany(ctx);
      const b = await buildCompany(ctx);
      const l = await buildLicense(ctx, a.id, await buildCatalogue(ctx));
      const t = (
        await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
          to: 'existing',
          email: b.primary.email,
        })
      ).json();
      const [acc, acc2, can] = await Promise.all([
        call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${t.id}/accept`),
        call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${t.id}/accept`),
        call(app, a.primary.auth, 'POST', `/api/v1/license-transfers/${t.id}/cancel`),
      ]);
      // The transfer row is locked first by every path: the losers find it no longer open.
      expect([acc.statusCode, acc2.statusCode, can.statusCode].sort()).toEqual([200, 409, 409]);
      const owner = (
        await ctx.db.selectFrom('licenses').select('company_id').where('id', '=', l.id).executeTakeFirstOrThrow()
      ).company_id;
      const state = (
        await ctx.db.selectFrom('license_transfers').select('state').where('id', '=', t.id).executeTakeFirstOrThrow()
      ).state;
      expect(owner).toBe(state === 'completed' ? b.id : a.id);
      const moves = await ctx.db
        .selectFrom('license_events')
        .select('kind')
        .where('license_id', '=', l.id)
        .where('kind', '=', 'transferred-in')
        .execute();
      expect(moves).toHaveLength(state === 'completed' ? 1 : 0);
    }
  });

  it('L-7 an open transfer freezes the license: no URL change meanwhile; revoking it ends the request, which can no longer be accepted', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const l = await buildLicense(ctx, a.id, cat, { url: 'https://one.example.com', registered: true });
    const t = (
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'existing',
        email: b.primary.email,
      })
    ).json();
    expectProblem(
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, { url: 'https://one.example.com/shop' }),
      409,
    );
    expectProblem(
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, {
        url: 'https://two.example.org',
        acknowledgeRemoval: true,
      }),
      409,
    );
    expect(
      await ctx.db.selectFrom('license_url_changes').select('id').where('license_id', '=', l.id).execute(),
    ).toEqual([]);
    expect(
      (await call(app, (await buildStaff(ctx, 'billing')).auth, 'POST', `/api/v1/staff/licenses/${l.key}/revoke`))
        .statusCode,
    ).toBe(200);
    expectProblem(await call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${t.id}/accept`), 409);
    const row = await ctx.db
      .selectFrom('licenses')
      .select(['company_id', 'state'])
      .where('id', '=', l.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ company_id: a.id, state: 'revoked' });
    expect(await history(a.primary.auth, l.key)).toEqual(['transfer-requested', 'revoked', 'transfer-cancelled']);
  });

  it("L-7 the receiver's history names the sending company, never its internal id", async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const l = await buildLicense(ctx, a.id, await buildCatalogue(ctx));
    const t = (
      await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${l.key}/transfers`, {
        to: 'existing',
        email: b.primary.email,
      })
    ).json();
    await call(app, b.primary.auth, 'POST', `/api/v1/license-transfers/${t.id}/accept`);
    const items = (await call(app, b.primary.auth, 'GET', `/api/v1/licenses/${l.key}/history`)).json().items;
    expect(items).toMatchObject([{ kind: 'transferred-in', detail: { from: a.name } }]);
    expect(JSON.stringify(items)).not.toContain(a.id);
  });

  it("L-8 a module moves to another license of the company, or to another company's license by key, when the versions match", async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const src = await buildLicense(ctx, a.id, cat, { modules: [cat.moduleId, cat.module2Id] });
    const mine = await buildLicense(ctx, a.id, cat);
    const theirs = await buildLicense(ctx, b.id, cat);
    const res = await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${src.key}/module-transfers`, {
      productId: cat.moduleId,
      targetKey: mine.key,
    });
    expect(res.json().products.map((p: { productId: string }) => p.productId)).toEqual([cat.productId, cat.module2Id]);
    expect((await call(app, a.primary.auth, 'GET', `/api/v1/licenses/${mine.key}`)).json().products).toHaveLength(2);
    const out = await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${src.key}/module-transfers`, {
      productId: cat.module2Id,
      targetKey: theirs.key.toLowerCase(),
    });
    expect(out.statusCode).toBe(200);
    expect(await history(b.primary.auth, theirs.key)).toEqual(['module-transferred-in']);
    expect(await history(a.primary.auth, src.key)).toEqual(['module-transferred-out', 'module-transferred-out']);
  });

  it('L-8 refuses a module to a license of another product or another version, the main product, and a module not on the license', async () => {
    const a = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const src = await buildLicense(ctx, a.id, cat, { modules: [cat.moduleId] });
    const otherProduct = await buildLicense(ctx, a.id, cat, { productId: cat.otherProductId, version: '2.0.0' });
    const olderVersion = await buildLicense(ctx, a.id, cat, { version: '4.6.0' });
    const move = (body: object) =>
      call(app, a.primary.auth, 'POST', `/api/v1/licenses/${src.key}/module-transfers`, body);
    expect(fields(await move({ productId: cat.moduleId, targetKey: otherProduct.key }))).toEqual(['targetKey']);
    expect(fields(await move({ productId: cat.moduleId, targetKey: olderVersion.key }))).toEqual(['targetKey']);
    expect(fields(await move({ productId: cat.productId, targetKey: olderVersion.key }))).toEqual(['productId']);
    expect(fields(await move({ productId: cat.module2Id, targetKey: olderVersion.key }))).toEqual(['productId']);
    expect(fields(await move({ productId: cat.moduleId, targetKey: 'SHORT' }))).toEqual(['targetKey']);
    expect(fields(await move({ productId: cat.moduleId, targetKey: src.key }))).toEqual(['targetKey']);
    expect(fields(await move({ productId: cat.moduleId, targetKey: 'ZZZZZZZZZZZZZZZZ' }))).toEqual(['targetKey']);
    expect((await call(app, a.primary.auth, 'GET', `/api/v1/licenses/${src.key}`)).json().products).toHaveLength(2);
  });

  it("L-8 a refusal about another company's license tells nothing of its product, version, modules or state", async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const src = await buildLicense(ctx, a.id, cat, { modules: [cat.moduleId] });
    const targets = [
      await buildLicense(ctx, b.id, cat, { productId: cat.otherProductId, version: '2.0.0' }),
      await buildLicense(ctx, b.id, cat, { version: '4.6.0' }),
      await buildLicense(ctx, b.id, cat, { modules: [cat.moduleId] }),
      await buildLicense(ctx, b.id, cat, { state: 'pending' }),
      await buildLicense(ctx, b.id, cat, { state: 'revoked' }),
      { key: 'ZZZZZZZZZZZZZZZZ' },
    ];
    const answers = new Set<string>();
    for (const t of targets) {
      const res = await call(app, a.primary.auth, 'POST', `/api/v1/licenses/${src.key}/module-transfers`, {
        productId: cat.moduleId,
        targetKey: t.key,
      });
      expect(res.statusCode).toBe(400);
      answers.add(JSON.stringify([res.json().detail, res.json().errors]));
    }
    expect(answers.size).toBe(1);
    expect([...answers][0]).not.toMatch(/4\.6\.0|2\.0\.0|revoked|verified|already/);
  });
});

describe('licenses: versions (L-9) and staff', () => {
  it('L-9 a product lists its versions with the obsolete and out-of-guarantee marks', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const res = await call(app, c.secondary.auth, 'GET', `/api/v1/products/${cat.productId}/releases`);
    expect(
      res
        .json()
        .releases.map((r: { version: string; latest: boolean; obsolete: boolean; outOfGuarantee: boolean }) => [
          r.version,
          r.latest,
          r.obsolete,
          r.outOfGuarantee,
        ]),
    ).toEqual([
      ['4.7.2', true, false, false],
      ['4.7.1', false, true, false],
      ['4.6.0', false, false, true],
    ]);
  });

  it('L-9 content staff publish, correct and withdraw releases; bad versions are refused per field', async () => {
    const cat = await buildCatalogue(ctx);
    const content = await buildStaff(ctx, 'content');
    const add = await call(app, content.auth, 'POST', `/api/v1/staff/products/${cat.productId}/releases`, {
      version: '4.8.0',
      branch: '4.8',
      releasedOn: '2026-03-01',
    });
    expect(add.statusCode).toBe(201);
    expect(add.json().releases[0]).toMatchObject({ version: '4.8.0', latest: true });
    expect(add.json().releases.find((r: { version: string }) => r.version === '4.7.2').outOfGuarantee).toBe(true);
    expectProblem(
      await call(app, content.auth, 'POST', `/api/v1/staff/products/${cat.productId}/releases`, {
        version: '4.8.0',
        branch: '4.8',
        releasedOn: '2026-03-01',
      }),
      409,
    );
    expect(
      fields(
        await call(app, content.auth, 'POST', `/api/v1/staff/products/${cat.productId}/releases`, {
          version: '4.9.0',
          branch: '4.9',
          releasedOn: '2026-13-01',
        }),
      ),
    ).toEqual(['releasedOn']);
    expect(
      fields(
        await call(app, content.auth, 'POST', `/api/v1/staff/products/${cat.productId}/releases`, {
          version: 'v-next',
          branch: '4.8',
          releasedOn: '2026-03-01',
        }),
      ),
    ).toEqual(['version']);
    expect(
      fields(
        await call(app, content.auth, 'POST', `/api/v1/staff/products/${cat.productId}/releases`, {
          version: '4.9.0',
          branch: '4.8',
          releasedOn: '2026-03-01',
        }),
      ),
    ).toEqual(['branch']);
    const id = add.json().releases[0].id;
    expect(
      (await call(app, content.auth, 'PATCH', `/api/v1/staff/releases/${id}`, { notes: 'Faster checkout' })).json()
        .releases[0].notes,
    ).toBe('Faster checkout');
    expect((await call(app, content.auth, 'DELETE', `/api/v1/staff/releases/${id}`)).statusCode).toBe(204);
    expectProblem(
      await call(
        app,
        (await buildStaff(ctx, 'agent')).auth,
        'POST',
        `/api/v1/staff/products/${cat.productId}/releases`,
        { version: '5.0.0', branch: '5.0', releasedOn: '2026-03-01' },
      ),
      403,
    );
  });

  it('L-1 staff revoke a license; modules and subscriptions are added with history', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const l = await buildLicense(ctx, c.id, cat);
    const billing = await buildStaff(ctx, 'billing');
    expect(
      (
        await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/modules`, { productId: cat.moduleId })
      ).json().products,
    ).toHaveLength(2);
    expectProblem(
      await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/modules`, { productId: cat.moduleId }),
      409,
    );
    expect(
      fields(
        await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/modules`, {
          productId: cat.otherProductId,
        }),
      ),
    ).toEqual(['productId']);
    expect(
      (
        await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/subscriptions`, {
          name: 'Updates',
          expiresAt: '2027-03-02T00:00:00Z',
        })
      ).json().subscriptions,
    ).toHaveLength(1);
    // L-1: a subscription that has already ended is refused unless staff say they mean it.
    const past = { name: 'Old support', expiresAt: '2026-01-01T00:00:00Z' };
    const refused = await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/subscriptions`, past);
    expect(expectProblem(refused, 422, 'unprocessable').errors?.[0]?.field).toBe('expiresAt');
    const recorded = await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/subscriptions`, {
      ...past,
      allowExpired: true,
    });
    expect(recorded.json().subscriptions).toHaveLength(2);
    expect((await call(app, billing.auth, 'POST', `/api/v1/staff/licenses/${l.key}/revoke`)).json().state).toBe(
      'revoked',
    );
    const staffHistory = (await call(app, billing.auth, 'GET', `/api/v1/staff/licenses/${l.key}/history`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(staffHistory).toEqual(['module-added', 'subscription-added', 'subscription-added', 'revoked']);
    const found = (await call(app, billing.auth, 'GET', `/api/v1/staff/licenses?companyId=${c.id}`)).json().items;
    expect(found).toMatchObject([{ key: l.key, company: { id: c.id } }]);
  });
});

describe('licenses: the log ticket (T-17)', () => {
  it('T-17 every URL change is written to the license log ticket, which customers read but cannot post in', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), {
      url: 'https://one-shop.com',
      registered: true,
    });
    await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, { url: 'https://one-shop.com/store' });
    await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, {
      url: 'https://two-shop.com',
      acknowledgeRemoval: true,
    });
    await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, {
      url: 'https://three-shop.com',
      acknowledgeRemoval: true,
    });
    const list = (await call(app, c.secondary.auth, 'GET', '/api/v1/tickets')).json().items;
    expect(list).toMatchObject([
      {
        title: `LOG: License URL modifications (${l.key})`,
        type: { key: 'license_log' },
        readOnly: true,
        canRate: false,
        licenses: [l.key],
      },
    ]);
    const t = (await call(app, c.secondary.auth, 'GET', `/api/v1/tickets/${list[0].number}`)).json();
    const bodies = t.timeline
      .filter((x: { kind: string }) => x.kind === 'message')
      .map((m: { body: string }) => m.body);
    expect(bodies).toEqual([
      'Pat Primary changed the URL from https://one-shop.com to https://one-shop.com/store (new folder, free).',
      'Pat Primary changed the URL from https://one-shop.com/store to https://two-shop.com (new domain: the one free change after registration).',
      'Pat Primary asked to change the URL from https://two-shop.com to https://three-shop.com. The free change of domain is used, so the change waits for the license renewal fee.',
    ]);
    expectProblem(
      await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${list[0].number}/messages`, { body: 'Hi' }),
      403,
    );
    expectProblem(
      await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${list[0].number}`, { status: 'reopened' }),
      403,
    );
    // It never enters an agent's queue.
    const agent = await buildStaff(ctx, 'agent');
    const queue = (
      await call(app, agent.auth, 'GET', '/api/v1/staff/tickets/queue?department=support&limit=100')
    ).json().items;
    expect(queue.map((x: { number: number }) => x.number)).not.toContain(list[0].number);
  });
});
