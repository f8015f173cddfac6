import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff } from '../../../test/factories.js';
import { type Auth, call, expectProblem, setupApp } from '../../../test/helpers.js';

const { app, ctx } = await setupApp();

/** A multipart/form-data body with one file in the field "file". */
function multipart(content: Buffer, filename: string, type: string, field = 'file') {
  const boundary = `----clientele${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(auth: Auth, profileId: string, content: Buffer, filename = 'me.png', type = 'image/png') {
  const body = multipart(content, filename, type);
  return app.inject({
    method: 'PUT',
    url: `/api/v1/profiles/${profileId}/avatar`,
    headers: { cookie: `clientele_session=${auth.cookie}`, 'x-csrf-token': auth.csrf ?? '', 'content-type': body.contentType },
    payload: body.payload,
  });
}

const png = () => sharp({ create: { width: 600, height: 400, channels: 3, background: '#3366ff' } }).png().toBuffer();

describe('company profile (A-9)', () => {
  it('A-9 every role sees the company; only the primary edits it, and the change is audited', async () => {
    const c = await buildCompany(ctx);
    for (const who of [c.primary, c.advanced, c.secondary]) {
      expect((await call(app, who.auth, 'GET', '/api/v1/company')).json()).toMatchObject({ id: c.id, name: c.name, preSales: true });
    }
    expectProblem(await call(app, c.advanced.auth, 'PATCH', '/api/v1/company', { name: 'Mine now' }), 403);
    expectProblem(await call(app, c.secondary.auth, 'PATCH', '/api/v1/company', { name: 'Mine now' }), 403);
    const change = { name: 'Renamed Ltd', address: '2 Side St', phone: '+1 555 0142', taxId: 'DE123456789', billingEmail: 'bills@renamed.example' };
    const res = await call(app, c.primary.auth, 'PATCH', '/api/v1/company', change);
    expect(res.json()).toMatchObject(change);
    const admin = await buildStaff(ctx, 'admin');
    const audit = await call(app, admin.auth, 'GET', `/api/v1/staff/audit?entity=company&entityId=${c.id}`);
    const entry = audit.json().items[0];
    expect(entry).toMatchObject({ action: 'company.updated', actorKind: 'profile', actorId: c.primary.id, before: { name: c.name }, after: { name: 'Renamed Ltd' } });
  });

  it('A-9 a billing e-mail must be an e-mail address', async () => {
    const c = await buildCompany(ctx);
    const res = await call(app, c.primary.auth, 'PATCH', '/api/v1/company', { billingEmail: 'not mail' });
    expect(expectProblem(res, 400).errors?.[0]?.field).toBe('billingEmail');
  });
});

describe('avatar (A-8)', () => {
  it('A-8 an uploaded picture is re-encoded to a 256×256 WebP and served to the company', async () => {
    const c = await buildCompany(ctx);
    const res = await upload(c.advanced.auth, c.advanced.id, await png());
    expect(res.statusCode).toBe(200);
    expect(res.json().hasAvatar).toBe(true);
    const img = await call(app, c.secondary.auth, 'GET', `/api/v1/profiles/${c.advanced.id}/avatar`);
    expect(img.headers['content-type']).toBe('image/webp');
    const meta = await sharp(img.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect((await call(app, c.advanced.auth, 'DELETE', `/api/v1/profiles/${c.advanced.id}/avatar`)).statusCode).toBe(204);
    expectProblem(await call(app, c.secondary.auth, 'GET', `/api/v1/profiles/${c.advanced.id}/avatar`), 404);
  });

  it('A-8 a file that is not an image (text, SVG with a script) is refused with 415 and nothing is stored', async () => {
    const c = await buildCompany(ctx);
    const text = await upload(c.primary.auth, c.primary.id, Buffer.from('just some text'), 'a.png', 'image/png');
    expectProblem(text, 415, 'unsupported-media-type');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');
    expectProblem(await upload(c.primary.auth, c.primary.id, svg, 'a.svg', 'image/svg+xml'), 415);
    const stored = await ctx.db.selectFrom('profile_avatars').select('profile_id').where('profile_id', '=', c.primary.id).execute();
    expect(stored).toHaveLength(0);
  });

  it('A-8 a picture over 5 MB is refused with 413', async () => {
    const c = await buildCompany(ctx);
    const big = Buffer.concat([await png(), Buffer.alloc(5 * 1024 * 1024 + 10)]);
    expectProblem(await upload(c.primary.auth, c.primary.id, big), 413, 'payload-too-large');
  });

  it('A-8 only the person changes their picture; another company’s picture does not exist', async () => {
    const a = await buildCompany(ctx);
    const b = await buildCompany(ctx);
    expectProblem(await upload(a.primary.auth, a.secondary.id, await png()), 403);
    expectProblem(await upload(b.primary.auth, a.secondary.id, await png()), 404);
    await upload(a.secondary.auth, a.secondary.id, await png());
    expectProblem(await call(app, b.primary.auth, 'GET', `/api/v1/profiles/${a.secondary.id}/avatar`), 404);
  });
});
