import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFreeProduct, upload, uploadProductFile } from '../../../test/files-helpers.js';
import { buildCatalogue, buildCompany, buildLicense, buildStaff } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';
import { LocalDiskStorage } from '../../core/storage/index.js';

const { app, ctx, clock } = await setupApp();
const content = await buildStaff(ctx, 'content');

type Node = { id: string; label: string; kind: string; listUrl: string | null; fileCount: number; children: Node[] };
const tree = async (auth: Parameters<typeof call>[1]) =>
  (await call(app, auth, 'GET', '/api/v1/files/tree')).json() as {
    sections: { key: string; folders: Node[]; hiddenReasons: { code: string; message: string }[] }[];
  };
const flatten = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
const names = (res: { json: () => { items: { name: string }[] } }) => res.json().items.map((f) => f.name);

/** A catalogue with files: Cart 4.7.2 and 4.6.0 packages, a module file, a security patch, a free theme; Blog (not licensed). */
async function catalogueWithFiles() {
  const cat = await buildCatalogue(ctx);
  const freeId = await buildFreeProduct(ctx, cat);
  const pkg = await uploadProductFile(app, content.auth, {
    productId: cat.productId,
    version: '4.7.2',
    name: 'cart-4.7.2.zip',
    description: 'Full package',
  });
  await uploadProductFile(app, content.auth, { productId: cat.productId, version: '4.6.0', name: 'cart-4.6.0.zip' });
  const mod = await uploadProductFile(app, content.auth, {
    productId: cat.moduleId,
    version: '4.7.2',
    name: 'wishlist-4.7.2.zip',
  });
  const patch = await uploadProductFile(app, content.auth, {
    productId: cat.productId,
    version: '4.7.2',
    kind: 'patch',
    securityPatch: true,
    name: 'cart-sec-2026-01.patch',
  });
  const free = await uploadProductFile(app, content.auth, { productId: freeId, name: 'free-theme.zip' });
  const blog = await uploadProductFile(app, content.auth, {
    productId: cat.otherProductId,
    version: '2.0.0',
    name: 'blog-2.0.0.zip',
  });
  return { cat, freeId, pkg, mod, patch, free, blog };
}

describe('file area: folders and visibility (F-1, F-4)', () => {
  it('F-1 shows product files per brand, product and version with modules under the version, security patches, free software, and My files', async () => {
    const c = await buildCompany(ctx);
    const f = await catalogueWithFiles();
    await buildLicense(ctx, c.id, f.cat, { modules: [f.cat.moduleId] });
    const t = await tree(c.primary.auth);
    expect(t.sections.map((s) => s.key)).toEqual(['products', 'company', 'tickets']);
    const products = t.sections[0]!;
    expect(products.hiddenReasons).toEqual([]);
    const brand = products.folders.find((b) => b.id === `brand:${f.cat.brandId}`)!;
    expect(brand.children.map((n) => n.label)).toEqual(['Cart', 'Free software']);
    const cart = brand.children[0]!;
    expect(cart.children.map((n) => `${n.kind}:${n.label}`)).toEqual([
      'security:Security patches',
      'version:4.7.2',
      'version:4.6.0',
    ]);
    const v472 = cart.children[1]!;
    expect(v472.fileCount).toBe(2);
    expect(v472.children[0]!.kind).toBe('modules');
    expect(v472.children[0]!.children.map((n) => n.label)).toEqual(['Cart Wishlist']);
    expect(brand.children[1]!.children.map((n) => n.label)).toEqual(['Cart Free Theme']);
    // F-2: the "Free software" folder counts the files of the products in it (it said 0 before).
    const free = brand.children[1]!;
    expect(free.fileCount).toBe(free.children.reduce((t, x) => t + x.fileCount, 0));
    expect(free.fileCount).toBeGreaterThan(0);
    expect(brand.fileCount).toBe(brand.children.reduce((t, x) => t + x.fileCount, 0));
    // Blog is not on the license: its folder is absent.
    expect(flatten(products.folders).some((n) => n.id.includes(f.cat.otherProductId))).toBe(false);
    expect(t.sections[1]!.folders.map((n) => [n.label, n.listUrl])).toEqual([['My files', '/files/company']]);
    const list = await call(app, c.primary.auth, 'GET', `/api/v1${v472.listUrl}`);
    expect(names(list).sort()).toEqual(['cart-4.7.2.zip', 'cart-sec-2026-01.patch']);
    expect(list.json().items.find((x: { name: string }) => x.name === 'cart-4.7.2.zip').description).toBe(
      'Full package',
    );
  });

  it('F-4 hides product files of a Not accepted license and says why', async () => {
    const c = await buildCompany(ctx);
    const f = await catalogueWithFiles();
    await buildLicense(ctx, c.id, f.cat, { state: 'not_accepted' });
    const products = (await tree(c.primary.auth)).sections[0]!;
    expect(products.hiddenReasons.map((r) => r.code)).toEqual(['license-not-accepted']);
    expect(products.hiddenReasons[0]!.message).toMatch(/accept the license agreement/);
    // Free software stays visible; the licensed product is not there, and its files are 404.
    expect(flatten(products.folders).map((n) => n.label)).toContain('Cart Free Theme');
    expect(flatten(products.folders).some((n) => n.label === 'Cart')).toBe(false);
    expectProblem(
      await call(app, c.primary.auth, 'GET', `/api/v1/files/products/${f.cat.productId}?version=4.7.2`),
      404,
      'not-found',
    );
    expectProblem(
      await call(app, c.primary.auth, 'GET', `/api/v1/files/product-files/${f.pkg.id}/download`),
      404,
      'not-found',
    );
  });

  it('F-4 hides product files of a Pending license and says why', async () => {
    const c = await buildCompany(ctx);
    const f = await catalogueWithFiles();
    await buildLicense(ctx, c.id, f.cat, { state: 'pending' });
    const products = (await tree(c.advanced.auth)).sections[0]!;
    expect(products.hiddenReasons.map((r) => r.code)).toEqual(['license-pending']);
    expectProblem(await call(app, c.advanced.auth, 'GET', `/api/v1/files/product-files/${f.pkg.id}/download`), 404);
  });

  it('F-4 a company without licenses is told it has none; a revoked license shows nothing', async () => {
    const c = await buildCompany(ctx);
    const f = await catalogueWithFiles();
    await buildLicense(ctx, c.id, f.cat, { state: 'revoked' });
    expect((await tree(c.primary.auth)).sections[0]!.hiddenReasons.map((r) => r.code)).toEqual(['no-license']);
  });

  it('F-4 a secondary profile sees free software only and is told product files are for the primary and advanced profiles (A-2)', async () => {
    const c = await buildCompany(ctx);
    const f = await catalogueWithFiles();
    await buildLicense(ctx, c.id, f.cat, { modules: [f.cat.moduleId] });
    const products = (await tree(c.secondary.auth)).sections[0]!;
    expect(products.hiddenReasons.map((r) => r.code)).toEqual(['secondary']);
    const brand = products.folders.find((b) => b.id === `brand:${f.cat.brandId}`)!;
    expect(
      flatten([brand])
        .filter((n) => n.kind === 'product')
        .map((n) => n.label),
    ).toEqual(['Cart Free Theme']);
    expectProblem(
      await call(app, c.secondary.auth, 'GET', `/api/v1/files/product-files/${f.pkg.id}/download`),
      403,
      'forbidden',
    );
    expectProblem(
      await call(app, c.secondary.auth, 'GET', `/api/v1/files/products/${f.cat.productId}?version=4.7.2`),
      403,
    );
    expectProblem(await call(app, c.secondary.auth, 'GET', '/api/v1/files/security-patches'), 403);
    const free = await call(app, c.secondary.auth, 'GET', `/api/v1/files/product-files/${f.free.id}/download`);
    expect(free.statusCode).toBe(200);
    expect(free.body).toBe('content of free-theme.zip');
  });

  it('F-4 the advanced secondary downloads a licensed product file; another product is 404', async () => {
    const c = await buildCompany(ctx);
    const f = await catalogueWithFiles();
    await buildLicense(ctx, c.id, f.cat);
    const res = await call(app, c.advanced.auth, 'GET', `/api/v1/files/product-files/${f.pkg.id}/download`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('content of cart-4.7.2.zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cart-4.7.2.zip"/);
    expectProblem(await call(app, c.advanced.auth, 'GET', `/api/v1/files/product-files/${f.blog.id}/download`), 404);
    // A module not on the license is not visible either.
    expectProblem(await call(app, c.advanced.auth, 'GET', `/api/v1/files/product-files/${f.mod.id}/download`), 404);
  });
});

describe('file area: My files (F-2, F-3, F-6)', () => {
  it('F-3 uploads several files in one request and lists them with their description', async () => {
    const c = await buildCompany(ctx);
    const res = await upload(app, c.secondary.auth, '/api/v1/files/company', [
      { name: 'description', value: 'Store logs' },
      { name: 'file', filename: 'error.log', type: 'text/plain', content: 'boom' },
      { name: 'file', filename: 'Überweisung 2026.pdf', type: 'application/pdf', content: '%PDF-1.7 body' },
    ]);
    expect(res.statusCode).toBe(201);
    expect(
      res
        .json()
        .items.map((f: { name: string; size: number; description: string; uploadedBy: { name: string } }) => [
          f.name,
          f.size,
          f.description,
          f.uploadedBy.name,
        ]),
    ).toEqual([
      ['error.log', 4, 'Store logs', 'Sid Secondary'],
      ['Überweisung 2026.pdf', 13, 'Store logs', 'Sid Secondary'],
    ]);
    const list = await call(app, c.primary.auth, 'GET', '/api/v1/files/company');
    expect(names(list)).toEqual(['error.log', 'Überweisung 2026.pdf']);
    const t = await tree(c.primary.auth);
    expect(t.sections[1]!.folders[0]!.fileCount).toBe(2);
  });

  it('F-2 sorts by name, size and date either way, and pages with a cursor', async () => {
    const c = await buildCompany(ctx);
    for (const [name, size] of [
      ['b.txt', 30],
      ['A.txt', 10],
      ['c.txt', 20],
    ] as const) {
      clock.advance({ minutes: 1 });
      expect(
        (
          await upload(app, c.primary.auth, '/api/v1/files/company', [
            { name: 'file', filename: name, content: 'x'.repeat(size) },
          ])
        ).statusCode,
      ).toBe(201);
    }
    const list = async (q: string) => names(await call(app, c.primary.auth, 'GET', `/api/v1/files/company?${q}`));
    expect(await list('sort=name')).toEqual(['A.txt', 'b.txt', 'c.txt']);
    expect(await list('sort=name&order=desc')).toEqual(['c.txt', 'b.txt', 'A.txt']);
    expect(await list('sort=size')).toEqual(['A.txt', 'c.txt', 'b.txt']);
    expect(await list('sort=size&order=desc')).toEqual(['b.txt', 'c.txt', 'A.txt']);
    expect(await list('sort=date')).toEqual(['b.txt', 'A.txt', 'c.txt']);
    expect(await list('sort=date&order=desc')).toEqual(['c.txt', 'A.txt', 'b.txt']);
    for (const sort of ['name', 'size', 'date']) {
      for (const order of ['asc', 'desc']) {
        const p1 = (
          await call(app, c.primary.auth, 'GET', `/api/v1/files/company?sort=${sort}&order=${order}&limit=2`)
        ).json();
        const p2 = (
          await call(
            app,
            c.primary.auth,
            'GET',
            `/api/v1/files/company?sort=${sort}&order=${order}&limit=2&cursor=${p1.nextCursor}`,
          )
        ).json();
        expect([...p1.items, ...p2.items].map((f: { name: string }) => f.name)).toEqual(
          await list(`sort=${sort}&order=${order}`),
        );
        expect(p2.nextCursor).toBeNull();
      }
    }
    const bad = expectProblem(
      await call(app, c.primary.auth, 'GET', '/api/v1/files/company?sort=owner'),
      400,
      'validation-failed',
    );
    expect(bad.errors?.[0]?.field).toBe('sort');
    expectProblem(await call(app, c.primary.auth, 'GET', '/api/v1/files/company?cursor=nonsense'), 400);
  });

  it('F-3 downloads with content type and attachment disposition; only allow-listed images inline, SVG and HTML never', async () => {
    const c = await buildCompany(ctx);
    const res = await upload(app, c.primary.auth, '/api/v1/files/company', [
      {
        name: 'file',
        filename: 'shot.png',
        type: 'image/png',
        content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('PNGDATA')]),
      },
      { name: 'file', filename: 'logo.svg', type: 'image/svg+xml', content: '<svg onload="alert(1)"/>' },
      { name: 'file', filename: 'page.html', type: 'text/html', content: '<script>alert(1)</script>' },
    ]);
    const [png, svg, html] = res.json().items as { downloadUrl: string }[];
    const get = (u: string) => call(app, c.primary.auth, 'GET', u);
    const p = await get(png!.downloadUrl);
    expect([p.headers['content-type'], p.headers['content-disposition']]).toEqual([
      'image/png',
      `inline; filename="shot.png"; filename*=UTF-8''shot.png`,
    ]);
    for (const f of [svg!, html!]) {
      const r = await get(f.downloadUrl);
      expect(r.headers['content-type']).toBe('application/octet-stream');
      expect(r.headers['content-disposition']).toMatch(/^attachment;/);
    }
  });

  it('F-3 resumes a download with Range (206) and refuses a range past the end (416)', async () => {
    const c = await buildCompany(ctx);
    const up = (
      await upload(app, c.primary.auth, '/api/v1/files/company', [
        { name: 'file', filename: 'digits.txt', type: 'text/plain', content: '0123456789' },
      ])
    ).json().items[0];
    const headers = { cookie: `clientele_session=${c.primary.auth.cookie}` };
    const part = await app.inject({ method: 'GET', url: up.downloadUrl, headers: { ...headers, range: 'bytes=4-' } });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('456789');
    expect(part.headers['content-range']).toBe('bytes 4-9/10');
    const past = await app.inject({
      method: 'GET',
      url: up.downloadUrl,
      headers: { ...headers, range: 'bytes=10-20' },
    });
    expectProblem(past, 416, 'range-not-satisfiable');
    expect(past.headers['content-range']).toBe('bytes */10');
    // A last byte before the first is not a range at all: the whole file (RFC 9110).
    const reversed = await app.inject({
      method: 'GET',
      url: up.downloadUrl,
      headers: { ...headers, range: 'bytes=5-2' },
    });
    expect([reversed.statusCode, reversed.body]).toEqual([200, '0123456789']);
  });

  it('F-6 a file is inline only if its content is an allow-listed image: a page declared image/png stays an opaque attachment', async () => {
    const c = await buildCompany(ctx);
    const page = '<html><script>alert(document.cookie)</script></html>';
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1');
    const res = await upload(app, c.primary.auth, '/api/v1/files/company', [
      { name: 'file', filename: 'evil.png', type: 'image/png', content: page },
      { name: 'file', filename: 'dot.gif', type: 'application/octet-stream', content: gif },
      { name: 'file', filename: 'real-gif.html', type: 'image/gif', content: gif },
    ]);
    expect(res.statusCode).toBe(201);
    const [evil, dot, named] = res.json().items as { downloadUrl: string; mediaType: string }[];
    const get = (u: string) => call(app, c.primary.auth, 'GET', u);
    const e = await get(evil!.downloadUrl);
    expect([e.headers['content-type'], e.headers['content-disposition']?.split(';')[0]]).toEqual([
      'application/octet-stream',
      'attachment',
    ]);
    const d = await get(dot!.downloadUrl);
    expect([d.headers['content-type'], d.headers['content-disposition']?.split(';')[0]]).toEqual([
      'image/gif',
      'inline',
    ]);
    // An image under a name that does not end as one is downloaded, never shown.
    expect((await get(named!.downloadUrl)).headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('F-6 bidirectional control characters are taken out of names (no "\u202Egnp.html" shown as "lmth.png")', async () => {
    const c = await buildCompany(ctx);
    const res = await upload(app, c.primary.auth, '/api/v1/files/company', [
      { name: 'file', filename: '\u202Egnp.html', type: 'text/html', content: 'x' },
    ]);
    expect(res.json().items[0].name).toBe('gnp.html');
  });

  it('F-2 an upload with a description over 2,000 characters is refused per field and keeps nothing', async () => {
    const c = await buildCompany(ctx);
    const res = await upload(app, c.primary.auth, '/api/v1/files/company', [
      { name: 'description', value: 'd'.repeat(2001) },
      { name: 'file', filename: 'a.txt', type: 'text/plain', content: 'a' },
    ]);
    expect(expectProblem(res, 400, 'validation-failed').errors).toEqual([
      { field: 'description', message: 'At most 2000 characters.' },
    ]);
    expect((await call(app, c.primary.auth, 'GET', '/api/v1/files/company')).json().items).toEqual([]);
  });

  it('F-3 a malformed multipart body (no boundary, cut short) is a 400 problem, not a server error', async () => {
    const c = await buildCompany(ctx);
    const headers = { cookie: `clientele_session=${c.primary.auth.cookie}`, 'x-csrf-token': c.primary.auth.csrf };
    const noBoundary = await app.inject({
      method: 'POST',
      url: '/api/v1/files/company',
      headers: { ...headers, 'content-type': 'multipart/form-data' },
      payload: 'garbage',
    });
    expectProblem(noBoundary, 400, 'bad-request');
    const cut = await app.inject({
      method: 'POST',
      url: '/api/v1/files/company',
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=XX' },
      payload: '--XX\r\nContent-Disposition: form-data; name="files"; filename="b.txt"\r\n\r\nabcdef',
    });
    expectProblem(cut, 400, 'bad-request');
    expect((await call(app, c.primary.auth, 'GET', '/api/v1/files/company')).json().items).toEqual([]);
  });

  it('F-3 accepts a file above the 5 MB multipart default (the limit is 50 MB) and streams it back with its digest', async () => {
    const c = await buildCompany(ctx);
    const big = Buffer.alloc(6 * 1024 * 1024 + 7, 7);
    const res = await upload(app, c.primary.auth, '/api/v1/files/company', [
      { name: 'file', filename: 'backup.sql.gz', type: 'application/gzip', content: big },
    ]);
    expect(res.statusCode).toBe(201);
    const f = res.json().items[0];
    expect(f.size).toBe(big.length);
    const back = await call(app, c.primary.auth, 'GET', f.downloadUrl);
    expect(back.rawPayload.equals(big)).toBe(true);
    expect(back.headers['content-type']).toBe('application/gzip');
  });

  it('F-6 refuses a name with a path with a per-field problem and stores nothing', async () => {
    const c = await buildCompany(ctx);
    for (const filename of ['../x', 'a/b.txt', 'C:\\temp\\x.exe']) {
      const res = await upload(app, c.primary.auth, '/api/v1/files/company', [
        { name: 'file', filename: 'fine.txt', content: 'ok' },
        { name: 'file', filename, content: 'evil' },
      ]);
      const p = expectProblem(res, 400, 'validation-failed');
      expect(p.errors).toEqual([{ field: 'files[1]', message: 'The name contains a path (/, \\ or ..).' }]);
    }
    expect(names(await call(app, c.primary.auth, 'GET', '/api/v1/files/company'))).toEqual([]);
  });

  it('F-6 stops a file over the size limit and an upload over the company quota (413), keeping nothing', async () => {
    const limited = await setupApp({ fileMaxBytes: 1000, companyQuotaBytes: 2500 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-files-quota-'));
    limited.ctx.storage = new LocalDiskStorage(dir);
    const blobs = () => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    const c = await buildCompany(limited.ctx);
    const up = (parts: { filename: string; size: number }[]) =>
      upload(
        limited.app,
        c.primary.auth,
        '/api/v1/files/company',
        parts.map((p) => ({ name: 'file', filename: p.filename, content: Buffer.alloc(p.size, 1) })),
      );
    const big = expectProblem(await up([{ filename: 'big.bin', size: 1001 }]), 413, 'payload-too-large');
    expect(big.detail).toMatch(/larger than 1000 bytes/);
    expect(blobs()).toBe(0);
    expect(
      (
        await up([
          { filename: 'a.bin', size: 1000 },
          { filename: 'b.bin', size: 1000 },
        ])
      ).statusCode,
    ).toBe(201);
    const over = expectProblem(
      await up([
        { filename: 'c.bin', size: 400 },
        { filename: 'd.bin', size: 400 },
      ]),
      413,
      'payload-too-large',
    );
    expect(over.detail).toMatch(/does not fit in your company's file space/);
    expect(over.errors?.[0]?.field).toBe('files[1]');
    expect(blobs()).toBe(2);
    expect((await up([{ filename: 'e.bin', size: 500 }])).statusCode).toBe(201);
    const t = (await call(limited.app, c.primary.auth, 'GET', '/api/v1/files/tree')).json();
    expect(t.quota).toEqual({ usedBytes: 2500, limitBytes: 2500, fileMaxBytes: 1000 });
    // Files the vendor puts there do not count towards the quota.
    const staff = await buildStaff(limited.ctx, 'content');
    expect(
      (
        await upload(limited.app, staff.auth, `/api/v1/staff/files/companies/${c.id}`, [
          { name: 'file', filename: 'from-vendor.pdf', content: 'x'.repeat(900) },
        ])
      ).statusCode,
    ).toBe(201);
    expect(blobs()).toBe(4);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('F-3 edits the description and deletes an own file; vendor files stay', async () => {
    const c = await buildCompany(ctx);
    const f = (
      await upload(app, c.primary.auth, '/api/v1/files/company', [{ name: 'file', filename: 'x.txt', content: 'x' }])
    ).json().items[0];
    const edited = await call(app, c.secondary.auth, 'PATCH', `/api/v1/files/company/${f.id}`, {
      description: 'The export of March',
    });
    expect(edited.json().description).toBe('The export of March');
    expect((await call(app, c.advanced.auth, 'DELETE', `/api/v1/files/company/${f.id}`)).statusCode).toBe(204);
    expectProblem(await call(app, c.primary.auth, 'GET', f.downloadUrl), 404);
    const vendor = (
      await upload(app, content.auth, `/api/v1/staff/files/companies/${c.id}`, [
        { name: 'description', value: 'Your invoice copy' },
        { name: 'file', filename: 'invoice.pdf', content: 'pdf' },
      ])
    ).json().items[0];
    expect(vendor.uploadedBy).toEqual({ kind: 'vendor', name: 'Vendor' });
    expectProblem(await call(app, c.primary.auth, 'DELETE', `/api/v1/files/company/${vendor.id}`), 403);
    expect((await call(app, c.primary.auth, 'GET', vendor.downloadUrl)).body).toBe('pdf');
  });

  it("F-3 another company's file is 404 for download, edit and delete; a bad id is 400", async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    const f = (
      await upload(app, a.primary.auth, '/api/v1/files/company', [
        { name: 'file', filename: 'secret.txt', content: 's' },
      ])
    ).json().items[0];
    expectProblem(await call(app, b.primary.auth, 'GET', f.downloadUrl), 404, 'not-found');
    expectProblem(await call(app, b.primary.auth, 'PATCH', `/api/v1/files/company/${f.id}`, { description: 'x' }), 404);
    expectProblem(await call(app, b.primary.auth, 'DELETE', `/api/v1/files/company/${f.id}`), 404);
    expect(names(await call(app, b.primary.auth, 'GET', '/api/v1/files/company'))).toEqual([]);
    expectProblem(
      await call(app, a.primary.auth, 'GET', '/api/v1/files/company/not-a-uuid/download'),
      400,
      'validation-failed',
    );
    expectProblem(await call(app, a.primary.auth, 'POST', '/api/v1/files/company', { file: 'x' }), 415);
  });
});
