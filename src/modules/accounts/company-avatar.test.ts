import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff } from '../../../test/factories.js';
import { type Auth, call, expectProblem, setupApp } from '../../../test/helpers.js';

const { app, ctx, clock } = await setupApp();

/** A multipart/form-data body with one file, built by hand. */
function multipart(content: Buffer, filename: string, type: string, field = 'file') {
  const boundary = `----clientele${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  auth: Auth,
  profileId: string,
  content: Buffer,
  filename = 'a.png',
  type = 'image/png',
  field = 'file',
) {
  const body = multipart(content, filename, type, field);
  return app.inject({
    method: 'PUT',
    url: `/api/v1/profiles/${profileId}/avatar`,
    headers: {
      cookie: `clientele_session=${auth.cookie}`,
      'x-csrf-token': auth.csrf ?? '',
      'content-type': body.contentType,
    },
    payload: body.payload,
  });
}

const png = () =>
  sharp({ create: { width: 600, height: 400, channels: 3, background: '#3366ff' } })
    .png()
    .toBuffer();
const storedAvatar = (profileId: string) =>
  ctx.db.selectFrom('profile_avatars').selectAll().where('profile_id', '=', profileId).executeTakeFirst();
const companyRow = (id: string) =>
  ctx.db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('A-9 company profile', () => {
  it('A-9 every role reads the company profile', async () => {
    const c = await buildCompany(ctx);
    for (const who of [c.primary, c.advanced, c.secondary]) {
      const res = await call(app, who.auth, 'GET', '/api/v1/company');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: c.id,
        name: c.name,
        address: '',
        phone: '',
        taxId: '',
        billingEmail: '',
        createdAt: expect.any(String),
        preSales: true,
      });
    }
    expectProblem(await call(app, null, 'GET', '/api/v1/company'), 401, 'unauthenticated');
  });

  it('A-9 only the primary edits the company (advanced, secondary → 403, nothing changes)', async () => {
    const c = await buildCompany(ctx);
    for (const who of [c.advanced, c.secondary]) {
      expectProblem(
        await call(app, who.auth, 'PATCH', '/api/v1/company', { name: 'Mine now', taxId: 'X' }),
        403,
        'forbidden',
      );
    }
    expect(await companyRow(c.id)).toMatchObject({ name: c.name, tax_id: '' });
    const change = {
      name: 'Renamed Ltd',
      address: '2 Side St\nSpringfield',
      phone: '+1 555 0142',
      taxId: 'DE123456789',
      billingEmail: 'bills@renamed.example',
    };
    const res = await call(app, c.primary.auth, 'PATCH', '/api/v1/company', change);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: c.id, ...change });
    expect((await call(app, c.secondary.auth, 'GET', '/api/v1/company')).json()).toMatchObject(change);
    expect(await companyRow(c.id)).toMatchObject({
      name: 'Renamed Ltd',
      tax_id: 'DE123456789',
      billing_email: 'bills@renamed.example',
    });
  });

  it('A-9 the billing e-mail must be an e-mail address (400 on field billingEmail); empty clears it', async () => {
    const c = await buildCompany(ctx);
    for (const billingEmail of ['not mail', 'a@', '@b.example', 5]) {
      const p = expectProblem(
        await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { name: 'Never', billingEmail }),
        400,
        'validation-failed',
      );
      expect(p.errors?.map((e) => e.field)).toEqual(['billingEmail']);
    }
    expect((await companyRow(c.id)).name).toBe(c.name);
    expect(
      (await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { billingEmail: 'ap@shop.example' })).json()
        .billingEmail,
    ).toBe('ap@shop.example');
    expect(
      (await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { billingEmail: '' })).json().billingEmail,
    ).toBe('');
    const name = expectProblem(await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { name: '   ' }), 400);
    expect(name.errors?.map((e) => e.field)).toEqual(['name']);
    expect(
      expectProblem(
        await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { firstOrderAt: null }),
        400,
      ).errors?.map((e) => e.field),
    ).toEqual(['firstOrderAt']);
  });

  it('A-9/X-3 the audit log records who changed the company, when, with before and after', async () => {
    const c = await buildCompany(ctx);
    await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { name: 'First Name Ltd', phone: '+1 555 0100' });
    clock.advance({ minutes: 3 });
    await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { name: 'Second Name Ltd' });
    const admin = await buildStaff(ctx, 'admin');
    const res = await call(app, admin.auth, 'GET', `/api/v1/staff/audit?entity=company&entityId=${c.id}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      action: 'company.updated',
      entity: 'company',
      entityId: c.id,
      companyId: c.id,
      actorKind: 'profile',
      actorId: c.primary.id,
      actorLabel: c.primary.email,
      at: clock.now().toISOString(),
      before: { name: 'First Name Ltd' },
      after: { name: 'Second Name Ltd' },
    });
    expect(items[1]).toMatchObject({
      before: { name: c.name, phone: '' },
      after: { name: 'First Name Ltd', phone: '+1 555 0100' },
    });
  });
});

describe('A-8 avatar', () => {
  it('A-8 an uploaded PNG is re-encoded to a 256×256 WebP, served to the company, and marked hasAvatar', async () => {
    const c = await buildCompany(ctx);
    const original = await png();
    const res = await upload(c.advanced.auth, c.advanced.id, original);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: c.advanced.id, hasAvatar: true });
    for (const who of [c.advanced, c.primary, c.secondary]) {
      const img = await call(app, who.auth, 'GET', `/api/v1/profiles/${c.advanced.id}/avatar`);
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/webp');
      expect(img.headers['x-content-type-options']).toBe('nosniff');
      const meta = await sharp(img.rawPayload).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
      expect(img.rawPayload.equals(original)).toBe(false);
    }
    expect((await call(app, c.primary.auth, 'GET', `/api/v1/profiles/${c.advanced.id}`)).json().hasAvatar).toBe(true);
    const list = (await call(app, c.secondary.auth, 'GET', '/api/v1/profiles')).json().items as {
      id: string;
      hasAvatar: boolean;
    }[];
    expect(Object.fromEntries(list.map((p) => [p.id, p.hasAvatar]))).toEqual({
      [c.primary.id]: false,
      [c.advanced.id]: true,
      [c.secondary.id]: false,
    });
    expect((await storedAvatar(c.advanced.id))?.media_type).toBe('image/webp');
  });

  it('A-8 re-encoding drops what the file carried besides the picture (EXIF)', async () => {
    const c = await buildCompany(ctx);
    const jpeg = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Secret Person', ImageDescription: 'Taken at home 51.5N 0.1W' } })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    expect((await upload(c.secondary.auth, c.secondary.id, jpeg, 'me.jpg', 'image/jpeg')).statusCode).toBe(200);
    const img = await call(app, c.secondary.auth, 'GET', `/api/v1/profiles/${c.secondary.id}/avatar`);
    const meta = await sharp(img.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(img.rawPayload.includes(Buffer.from('Secret Person'))).toBe(false);
  });

  it('A-8 a picture over the 1 MB JSON body limit but under 5 MB is accepted', async () => {
    const c = await buildCompany(ctx);
    const big = await sharp({
      create: {
        width: 1000,
        height: 800,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(1024 * 1024);
    expect(big.length).toBeLessThan(5 * 1024 * 1024);
    const res = await upload(c.primary.auth, c.primary.id, big);
    expect(res.statusCode).toBe(200);
    expect(res.json().hasAvatar).toBe(true);
  });

  it('A-8 a file that is not an image (text, an SVG with a script) → 415 and nothing is stored', async () => {
    const c = await buildCompany(ctx);
    const text = await upload(
      c.primary.auth,
      c.primary.id,
      Buffer.from('just some text, not a picture'),
      'a.png',
      'image/png',
    );
    expect(expectProblem(text, 415, 'unsupported-media-type').errors?.[0]?.field).toBe('file');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
    );
    expectProblem(
      await upload(c.primary.auth, c.primary.id, svg, 'a.svg', 'image/svg+xml'),
      415,
      'unsupported-media-type',
    );
    // Lying about the type does not help.
    expectProblem(await upload(c.primary.auth, c.primary.id, svg, 'a.png', 'image/png'), 415, 'unsupported-media-type');
    expect(await storedAvatar(c.primary.id)).toBeUndefined();
    expect((await call(app, c.primary.auth, 'GET', `/api/v1/profiles/${c.primary.id}`)).json().hasAvatar).toBe(false);
    expectProblem(await call(app, c.primary.auth, 'GET', `/api/v1/profiles/${c.primary.id}/avatar`), 404);

    // A refused upload leaves a picture already there untouched.
    await upload(c.primary.auth, c.primary.id, await png());
    const before = await storedAvatar(c.primary.id);
    expectProblem(await upload(c.primary.auth, c.primary.id, svg, 'a.svg', 'image/svg+xml'), 415);
    expect((await storedAvatar(c.primary.id))?.content.equals(before!.content)).toBe(true);
  });

  it('A-8 a file over 5 MB → 413 and nothing is stored', async () => {
    const c = await buildCompany(ctx);
    const big = Buffer.concat([await png(), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    expectProblem(await upload(c.primary.auth, c.primary.id, big), 413, 'payload-too-large');
    expect(await storedAvatar(c.primary.id)).toBeUndefined();
  });

  it('A-8 a request that is not multipart, or has no field "file", is refused', async () => {
    const c = await buildCompany(ctx);
    expectProblem(
      await call(app, c.primary.auth, 'PUT', `/api/v1/profiles/${c.primary.id}/avatar`, { file: 'x' }),
      415,
      'unsupported-media-type',
    );
    expect(
      expectProblem(await upload(c.primary.auth, c.primary.id, await png(), 'a.png', 'image/png', 'picture'), 400)
        .errors?.[0]?.field,
    ).toBe('file');
    expect(await storedAvatar(c.primary.id)).toBeUndefined();
  });

  it('A-8 uploading to another profile of the same company → 403, nothing stored', async () => {
    const c = await buildCompany(ctx);
    expectProblem(await upload(c.primary.auth, c.secondary.id, await png()), 403, 'forbidden');
    expectProblem(await upload(c.secondary.auth, c.primary.id, await png()), 403, 'forbidden');
    expectProblem(await upload(c.advanced.auth, c.secondary.id, await png()), 403, 'forbidden');
    expect(await storedAvatar(c.secondary.id)).toBeUndefined();
    expect(await storedAvatar(c.primary.id)).toBeUndefined();
    await upload(c.secondary.auth, c.secondary.id, await png());
    expectProblem(
      await call(app, c.primary.auth, 'DELETE', `/api/v1/profiles/${c.secondary.id}/avatar`),
      403,
      'forbidden',
    );
    expect(await storedAvatar(c.secondary.id)).toBeDefined();
  });

  it('A-8 another company’s profile picture does not exist for the caller (404 for GET, PUT, DELETE)', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    expect((await upload(a.secondary.auth, a.secondary.id, await png())).statusCode).toBe(200);
    const get = await call(app, b.primary.auth, 'GET', `/api/v1/profiles/${a.secondary.id}/avatar`);
    expectProblem(get, 404, 'not-found');
    const ghost = await call(
      app,
      b.primary.auth,
      'GET',
      '/api/v1/profiles/00000000-0000-4000-8000-000000000000/avatar',
    );
    expect(get.body.replace(/"instance":"[^"]*"/, '')).toBe(ghost.body.replace(/"instance":"[^"]*"/, ''));
    expectProblem(await upload(b.primary.auth, a.secondary.id, await png()), 404, 'not-found');
    expectProblem(
      await call(app, b.primary.auth, 'DELETE', `/api/v1/profiles/${a.secondary.id}/avatar`),
      404,
      'not-found',
    );
    expect(await storedAvatar(a.secondary.id)).toBeDefined();
  });

  it('A-4/A-8 re-registering a profile to another person removes the previous person’s picture', async () => {
    const c = await buildCompany(ctx);
    expect((await upload(c.secondary.auth, c.secondary.id, await png())).statusCode).toBe(200);
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/profiles/${c.secondary.id}/re-register`, {
      email: `new-${c.secondary.email}`,
      name: 'Nina Newcomer',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().hasAvatar).toBe(false);
    expectProblem(await call(app, c.primary.auth, 'GET', `/api/v1/profiles/${c.secondary.id}/avatar`), 404);
    expect(await storedAvatar(c.secondary.id)).toBeUndefined();
  });

  it('A-8 DELETE removes one’s picture', async () => {
    const c = await buildCompany(ctx);
    await upload(c.advanced.auth, c.advanced.id, await png());
    const del = await call(app, c.advanced.auth, 'DELETE', `/api/v1/profiles/${c.advanced.id}/avatar`);
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expectProblem(
      await call(app, c.secondary.auth, 'GET', `/api/v1/profiles/${c.advanced.id}/avatar`),
      404,
      'not-found',
    );
    expect((await call(app, c.advanced.auth, 'GET', `/api/v1/profiles/${c.advanced.id}`)).json().hasAvatar).toBe(false);
    expect(await storedAvatar(c.advanced.id)).toBeUndefined();
    // Deleting again is harmless.
    expect((await call(app, c.advanced.auth, 'DELETE', `/api/v1/profiles/${c.advanced.id}/avatar`)).statusCode).toBe(
      204,
    );
  });
});

describe('X-3 avatar changes are audited', () => {
  it('records setting and removing one’s picture', async () => {
    const c = await buildCompany(ctx);
    const img = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#00aa55' } })
      .png()
      .toBuffer();
    const boundary = `----clientele${uniqLocal()}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      img,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/profiles/${c.advanced.id}/avatar`,
      headers: {
        cookie: `clientele_session=${c.advanced.auth.cookie}`,
        'x-csrf-token': c.advanced.auth.csrf ?? '',
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
    expect(put.statusCode).toBe(200);
    expect((await call(app, c.advanced.auth, 'DELETE', `/api/v1/profiles/${c.advanced.id}/avatar`)).statusCode).toBe(
      204,
    );
    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', c.advanced.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['profile.avatar-set', 'profile.avatar-removed']);
  });
});

function uniqLocal() {
  return randomBytes(6).toString('hex');
}
