import { describe, expect, it } from 'vitest';
import { buildFreeProduct, untgz, unzip, upload, uploadProductFile } from '../../../test/files-helpers.js';
import { buildCatalogue, buildCompany, buildLicense, buildStaff, mailTo } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';

const { app, ctx } = await setupApp();
const content = await buildStaff(ctx, 'content');

/** Cart with upgrade files 4.0.5→4.1.0 (too old to offer), 4.1.0→4.1.2 (main + wishlist + free theme), 4.1.2→4.1.3. */
async function upgradeCatalogue() {
  const cat = await buildCatalogue(ctx);
  const freeId = await buildFreeProduct(ctx, cat);
  const up = (productId: string, from: string, to: string, name: string) =>
    uploadProductFile(app, content.auth, {
      productId,
      kind: 'upgrade',
      fromVersion: from,
      toVersion: to,
      name,
      content: `${name} bytes`,
    });
  await up(cat.productId, '4.0.5', '4.1.0', 'cart-4.0.5-4.1.0.patch');
  await up(cat.productId, '4.1.0', '4.1.2', 'cart-core.diff');
  await up(cat.productId, '4.1.0', '4.1.2', 'cart-db.sql');
  await up(cat.moduleId, '4.1.0', '4.1.2', 'wishlist.diff');
  await up(freeId, '4.1.0', '4.1.2', 'theme.diff');
  await up(cat.productId, '4.1.2', '4.1.3', 'cart-4.1.3.diff');
  return { cat, freeId };
}

const body = (key: string, more: Record<string, unknown> = {}) => ({
  licenseKey: key,
  fromVersion: '4.1.0',
  toVersion: '4.1.2',
  format: 'zip',
  ...more,
});

describe('upgrade packs (F-5)', () => {
  it('F-5 offers the packs of the license product from 4.1.0 on, from its version to the latest first, with its modules and free modules', async () => {
    const c = await buildCompany(ctx);
    const { cat, freeId } = await upgradeCatalogue();
    const l = await buildLicense(ctx, c.id, cat, { version: '4.1.0', modules: [cat.moduleId] });
    const res = await call(app, c.advanced.auth, 'GET', `/api/v1/files/upgrade-packs?licenseKey=${l.key}`);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.version).toBe('4.1.0');
    expect(o.modules).toEqual([{ productId: cat.moduleId, name: 'Cart Wishlist' }]);
    expect(o.freeModules).toEqual([{ productId: freeId, name: 'Cart Free Theme' }]);
    expect(o.packs).toEqual([
      { fromVersion: '4.1.0', toVersion: '4.1.3', fromLicenseVersion: true },
      { fromVersion: '4.1.0', toVersion: '4.1.2', fromLicenseVersion: true },
      { fromVersion: '4.1.2', toVersion: '4.1.3', fromLicenseVersion: false },
    ]);
  });

  it('F-5 a pack across stored steps (4.1.0 → 4.1.2 → 4.1.3) is one archive: later files win, the manifest lists every step', async () => {
    const c = await buildCompany(ctx);
    const { cat } = await upgradeCatalogue();
    // The 4.1.3 step ships a newer cart-db.sql: it replaces the 4.1.2 one in the chained pack.
    await uploadProductFile(app, content.auth, {
      productId: cat.productId,
      kind: 'upgrade',
      fromVersion: '4.1.2',
      toVersion: '4.1.3',
      name: 'cart-db.sql',
      content: 'cart-db.sql of 4.1.3',
    });
    const l = await buildLicense(ctx, c.id, cat, { version: '4.1.0' });
    const res = await call(
      app,
      c.primary.auth,
      'POST',
      '/api/v1/files/upgrade-packs',
      body(l.key, { toVersion: '4.1.3' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/upgrade-4\.1\.0-to-4\.1\.3\.zip"$/);
    const entries = unzip(res.rawPayload);
    const names = [...entries.keys()].map((n) => n.replace(/-[0-9a-f]{10}\//, '/'));
    expect(names.sort()).toEqual(['MANIFEST.txt', 'cart/cart-4.1.3.diff', 'cart/cart-core.diff', 'cart/cart-db.sql']);
    const byName = (suffix: string) => [...entries].find(([n]) => n.endsWith(suffix))![1].toString();
    expect(byName('cart-db.sql')).toBe('cart-db.sql of 4.1.3');
    expect(byName('MANIFEST.txt')).toContain('Steps: 4.1.0 → 4.1.2, 4.1.2 → 4.1.3');
    // No chain reaches 4.1.1: still a 404 on toVersion.
    const none = await call(
      app,
      c.primary.auth,
      'POST',
      '/api/v1/files/upgrade-packs',
      body(l.key, { toVersion: '4.1.1' }),
    );
    expect(expectProblem(none, 404, 'not-found').errors?.[0]?.field).toBe('toVersion');
  });

  it('F-5 streams a .zip with the main product, chosen modules and free modules, and a manifest', async () => {
    const c = await buildCompany(ctx);
    const { cat, freeId } = await upgradeCatalogue();
    const l = await buildLicense(ctx, c.id, cat, { version: '4.1.0', modules: [cat.moduleId, cat.module2Id] });
    const res = await call(
      app,
      c.primary.auth,
      'POST',
      '/api/v1/files/upgrade-packs',
      body(l.key, { moduleIds: [cat.moduleId, cat.module2Id], freeModuleIds: [freeId] }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="cart-.*-upgrade-4\.1\.0-to-4\.1\.2\.zip"$/,
    );
    const entries = unzip(res.rawPayload);
    const names = [...entries.keys()].map((n) => n.replace(/-[0-9a-f]{10}\//, '/'));
    expect(names.sort()).toEqual(
      [
        'MANIFEST.txt',
        'cart-wishlist/wishlist.diff',
        'cart/cart-core.diff',
        'cart/cart-db.sql',
        'free/theme.diff',
      ].sort(),
    );
    const byName = (suffix: string) => [...entries].find(([n]) => n.endsWith(suffix))![1].toString();
    expect(byName('cart-core.diff')).toBe('cart-core.diff bytes');
    expect(byName('theme.diff')).toBe('theme.diff bytes');
    expect(byName('MANIFEST.txt')).toMatch(/Cart Reviews: no upgrade files for these versions\./);
  });

  it('F-5 streams a .tgz of the same pack', async () => {
    const c = await buildCompany(ctx);
    const { cat } = await upgradeCatalogue();
    const l = await buildLicense(ctx, c.id, cat, { version: '4.1.0' });
    const res = await call(app, c.primary.auth, 'POST', '/api/v1/files/upgrade-packs', body(l.key, { format: 'tgz' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    const entries = untgz(res.rawPayload);
    expect([...entries.keys()].map((n) => n.replace(/^cart-[0-9a-f]{10}\//, 'cart/')).sort()).toEqual([
      'MANIFEST.txt',
      'cart/cart-core.diff',
      'cart/cart-db.sql',
    ]);
    expect([...entries].find(([n]) => n.endsWith('cart-db.sql'))![1].toString()).toBe('cart-db.sql bytes');
  });

  it('F-5 refuses versions before 4.1.0, a backwards pack, a module not on the license, and a bad archive type', async () => {
    const c = await buildCompany(ctx);
    const { cat } = await upgradeCatalogue();
    const l = await buildLicense(ctx, c.id, cat, { version: '4.1.0' });
    const post = (b: unknown) => call(app, c.primary.auth, 'POST', '/api/v1/files/upgrade-packs', b);
    const old = expectProblem(
      await post(body(l.key, { fromVersion: '4.0.5', toVersion: '4.1.0' })),
      400,
      'validation-failed',
    );
    expect(old.errors).toEqual([
      { field: 'fromVersion', message: 'Upgrade packs are offered for versions 4.1.0 and later.' },
    ]);
    expect(
      expectProblem(await post(body(l.key, { fromVersion: '4.1.2', toVersion: '4.1.0' })), 400).errors?.[0]?.field,
    ).toBe('toVersion');
    expect(expectProblem(await post(body(l.key, { moduleIds: [cat.moduleId] })), 400).errors).toEqual([
      { field: 'moduleIds.0', message: 'This module is not on the license.' },
    ]);
    expect(expectProblem(await post(body(l.key, { format: 'rar' })), 400).errors?.[0]?.field).toBe('format');
    expectProblem(await post(body(l.key, { fromVersion: '4.1.3', toVersion: '4.2.0' })), 404);
  });

  it("F-5 only for the company's own Active license and for the primary and advanced secondary (A-2)", async () => {
    const c = await buildCompany(ctx);
    const other = await buildCompany(ctx);
    const { cat } = await upgradeCatalogue();
    const l = await buildLicense(ctx, c.id, cat, { version: '4.1.0' });
    const notAccepted = await buildLicense(ctx, c.id, cat, { version: '4.1.0', state: 'not_accepted' });
    expectProblem(
      await call(app, other.primary.auth, 'POST', '/api/v1/files/upgrade-packs', body(l.key)),
      404,
      'not-found',
    );
    expectProblem(
      await call(app, c.secondary.auth, 'POST', '/api/v1/files/upgrade-packs', body(l.key)),
      403,
      'forbidden',
    );
    const p = expectProblem(
      await call(app, c.primary.auth, 'POST', '/api/v1/files/upgrade-packs', body(notAccepted.key)),
      422,
      'unprocessable',
    );
    expect(p.detail).toMatch(/Not accepted/);
    expectProblem(
      await call(app, c.primary.auth, 'GET', `/api/v1/files/upgrade-packs?licenseKey=${notAccepted.key}`),
      422,
    );
  });
});

describe('security patches (F-7) and staff product files', () => {
  it('F-7 a security patch is announced to subscribed active profiles of entitled companies only, and listed per product', async () => {
    const cat = await buildCatalogue(ctx);
    const entitled = await buildCompany(ctx);
    const pending = await buildCompany(ctx);
    await buildLicense(ctx, entitled.id, cat);
    await buildLicense(ctx, pending.id, cat, { state: 'pending' });
    await ctx.db.updateTable('profiles').set({ news_security: false }).where('id', '=', entitled.advanced.id).execute();
    const patch = await uploadProductFile(app, content.auth, {
      productId: cat.productId,
      version: '4.7.2',
      kind: 'patch',
      securityPatch: true,
      name: 'cart-sec-1.patch',
      description: 'Fixes an XSS in search.',
    });
    const mails = await mailTo(ctx, entitled.primary.email);
    expect(mails.map((m) => [m.kind, m.subject])).toEqual([
      ['security-patch', 'Security patch for Cart 4.7.2: cart-sec-1.patch'],
    ]);
    expect(mails[0]!.text_body).toMatch(/Fixes an XSS in search\./);
    expect(await mailTo(ctx, entitled.secondary.email)).toHaveLength(1);
    expect(await mailTo(ctx, entitled.advanced.email)).toHaveLength(0);
    expect(await mailTo(ctx, pending.primary.email)).toHaveLength(0);
    // A plain package is not announced.
    await uploadProductFile(app, content.auth, { productId: cat.productId, version: '4.7.2', name: 'cart.zip' });
    expect(await mailTo(ctx, entitled.primary.email)).toHaveLength(1);
    const listed = (
      await call(app, entitled.advanced.auth, 'GET', `/api/v1/files/security-patches?productId=${cat.productId}`)
    ).json();
    expect(listed.products).toEqual([
      expect.objectContaining({
        productId: cat.productId,
        productName: 'Cart',
        patches: [expect.objectContaining({ id: patch.id, securityPatch: true })],
      }),
    ]);
    expect(
      (await call(app, pending.primary.auth, 'GET', `/api/v1/files/security-patches?productId=${cat.productId}`)).json()
        .products,
    ).toEqual([]);
  });

  it('F-1 staff uploads are checked (upgrade needs from/to, path names, unknown product) and keep nothing when refused; staff delete', async () => {
    const cat = await buildCatalogue(ctx);
    const count = async () =>
      Number(
        (
          await ctx.db
            .selectFrom('product_files')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('product_id', '=', cat.productId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const file = { name: 'file', filename: 'x.diff', content: 'x' };
    const bad = expectProblem(
      await upload(app, content.auth, '/api/v1/staff/files/product-files', [
        { name: 'productId', value: cat.productId },
        { name: 'kind', value: 'upgrade' },
        file,
      ]),
      400,
    );
    expect(bad.errors?.map((e) => e.field)).toEqual(['fromVersion', 'toVersion']);
    expectProblem(
      await upload(app, content.auth, '/api/v1/staff/files/product-files', [
        { name: 'productId', value: cat.productId },
        { ...file, filename: '../../etc/passwd' },
      ]),
      400,
    );
    expectProblem(
      await upload(app, content.auth, '/api/v1/staff/files/product-files', [
        { name: 'productId', value: '00000000-0000-4000-8000-000000000000' },
        file,
      ]),
      400,
    );
    expect(await count()).toBe(0);
    const agent = await buildStaff(ctx, 'agent');
    expectProblem(
      await upload(app, agent.auth, '/api/v1/staff/files/product-files', [
        { name: 'productId', value: cat.productId },
        file,
      ]),
      403,
    );
    const made = await uploadProductFile(app, content.auth, {
      productId: cat.productId,
      version: '4.7.2',
      name: 'cart.zip',
    });
    expect(await count()).toBe(1);
    const listed = (
      await call(app, content.auth, 'GET', `/api/v1/staff/files/product-files?productId=${cat.productId}`)
    ).json();
    expect(listed.items.map((f: { id: string; productName: string }) => [f.id, f.productName])).toEqual([
      [made.id, 'Cart'],
    ]);
    expect((await call(app, content.auth, 'DELETE', `/api/v1/staff/files/product-files/${made.id}`)).statusCode).toBe(
      204,
    );
    expect(await count()).toBe(0);
  });
});
