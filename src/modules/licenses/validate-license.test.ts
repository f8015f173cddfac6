import { describe, expect, it } from 'vitest';
import { buildCatalogue, buildCompany, buildLicense } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';
import { verifyLicenseFile } from '../../verify-license-file.js';

const { app, ctx, clock } = await setupApp({ licenseChecksPerKey: 8 });

const check = (body: object) => call(app, null, 'POST', '/api/v1/licenses/validate', body);

describe('license check (L-10)', () => {
  it('L-10 answers valid with the entitled products for an Active license at its URL, without a session', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const l = await buildLicense(ctx, c.id, cat, { url: 'https://shop.example.com/store', modules: [cat.moduleId] });
    const res = await check({ key: l.key, url: 'https://shop.example.com/store/admin' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: true, reason: 'ok', expiresAt: null });
    expect(res.json().products.map((p: { version: string }) => p.version)).toEqual(['4.7.2', '4.7.2']);
    expect(res.headers['set-cookie']).toBeUndefined();
    // www. and a lower-case key are the same; no URL skips the URL check.
    expect((await check({ key: l.key.toLowerCase(), url: 'http://www.shop.example.com/store' })).json().valid).toBe(
      true,
    );
    expect((await check({ key: l.key })).json().valid).toBe(true);
  });

  it('L-10 gives the reason: unknown, malformed key, pending, not accepted, revoked, URL mismatch, expired subscription', async () => {
    const c = await buildCompany(ctx);
    const cat = await buildCatalogue(ctx);
    const reason = async (body: object) => (await check(body)).json().reason;
    expect(await reason({ key: 'ZZZZZZZZZZZZZZZZ' })).toBe('unknown');
    expect(await reason({ key: 'ABC-123' })).toBe('malformed-key');
    expect(await reason({ key: (await buildLicense(ctx, c.id, cat, { state: 'pending' })).key })).toBe('pending');
    expect(await reason({ key: (await buildLicense(ctx, c.id, cat, { state: 'not_accepted' })).key })).toBe(
      'not-accepted',
    );
    expect(await reason({ key: (await buildLicense(ctx, c.id, cat, { state: 'revoked' })).key })).toBe('revoked');
    const l = await buildLicense(ctx, c.id, cat, { url: 'https://shop.example.com/store' });
    expect(await reason({ key: l.key, url: 'https://other.example.com/store' })).toBe('url-mismatch');
    expect(await reason({ key: l.key, url: 'https://shop.example.com/storefront' })).toBe('url-mismatch');
    await ctx.db
      .insertInto('license_subscriptions')
      .values({
        license_id: l.id,
        name: 'Updates',
        expires_at: new Date(clock.now().getTime() + 86_400_000),
        created_at: clock.now(),
      })
      .execute();
    expect((await check({ key: l.key })).json()).toMatchObject({
      valid: true,
      expiresAt: new Date(clock.now().getTime() + 86_400_000).toISOString(),
    });
    clock.advance({ days: 2 });
    expect(await reason({ key: l.key })).toBe('expired-subscription');
    const invalid = (await check({ key: l.key })).json();
    expect(invalid.products).toEqual([]); // nothing about an invalid license leaks
    expectProblem(await check({ key: l.key, url: 'javascript:alert(1)' }), 400);
    expectProblem(await check({ nope: true }), 400);
  });

  it('L-10 issues a signed license file that verifies offline with the published public key, and a tampered one does not', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { url: 'https://shop.example.com' });
    const pem = await call(app, null, 'GET', '/api/v1/licenses/public-key');
    expect(pem.body).toContain('BEGIN PUBLIC KEY');
    const file = (
      await call(app, null, 'POST', '/api/v1/licenses/license-file', { key: l.key, url: 'https://shop.example.com' })
    ).json();
    expect(file.payload).toMatchObject({
      key: l.key,
      url: 'https://shop.example.com',
      issuedAt: clock.now().toISOString(),
    });
    expect(verifyLicenseFile(JSON.stringify(file), pem.body, clock.now())).toMatchObject({ valid: true });
    const tampered = { ...file, payload: { ...file.payload, url: 'https://pirate.example.com' } };
    expect(verifyLicenseFile(tampered, pem.body, clock.now())).toEqual({ valid: false, reason: 'bad-signature' });
    expect(verifyLicenseFile(file, pem.body, new Date(Date.parse(file.payload.expiresAt) + 1))).toEqual({
      valid: false,
      reason: 'expired',
    });
    // The key is made once and kept: a second fetch gives the same key.
    expect((await call(app, null, 'GET', '/api/v1/licenses/public-key')).body).toBe(pem.body);
    const pending = await buildLicense(ctx, c.id, await buildCatalogue(ctx), { state: 'pending' });
    expectProblem(await call(app, null, 'POST', '/api/v1/licenses/license-file', { key: pending.key }), 422);
  });

  it('L-10 limits checks per key (the per-IP limit is the HTTP rate limiter)', async () => {
    const c = await buildCompany(ctx);
    const l = await buildLicense(ctx, c.id, await buildCatalogue(ctx));
    const codes = [];
    for (let i = 0; i < 10; i++) codes.push((await check({ key: l.key })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
    const other = await buildLicense(ctx, c.id, await buildCatalogue(ctx));
    expect((await check({ key: other.key })).statusCode).toBe(200);
  });
});
