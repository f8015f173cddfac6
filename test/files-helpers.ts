import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../src/core/context.js';
import { type TestCatalogue, uniq } from './factories.js';
import type { Auth } from './helpers.js';

export type Part =
  | { name: string; value: string }
  | { name: string; filename: string; type?: string; content: Buffer | string };

/** A multipart/form-data body, as a browser sends it. */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----clientele${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('filename' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
      chunks.push(Buffer.from('\r\n'));
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends a multipart request as a signed-in person. */
export function upload(
  app: FastifyInstance,
  auth: Auth | null,
  url: string,
  parts: Part[],
  method: 'POST' | 'PUT' = 'POST',
) {
  const { body, contentType } = multipart(parts);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (auth?.cookie) headers.cookie = `clientele_session=${auth.cookie}`;
  if (auth?.csrf) headers['x-csrf-token'] = auth.csrf;
  return app.inject({ method, url, headers, payload: body });
}

/** A free product (F-4: free software, for every customer) in the catalogue's brand. */
export async function buildFreeProduct(ctx: AppContext, cat: TestCatalogue, name = 'Cart Free Theme'): Promise<string> {
  const row = await ctx.db
    .insertInto('products')
    .values({
      brand_id: cat.brandId,
      name,
      slug: `free-${uniq()}`,
      kind: 'free',
      parent_id: null,
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Staff upload of a product file; returns the created file. */
export async function uploadProductFile(
  app: FastifyInstance,
  staffAuth: Auth,
  f: {
    productId: string;
    name: string;
    content?: string;
    version?: string;
    kind?: 'package' | 'upgrade' | 'patch';
    fromVersion?: string;
    toVersion?: string;
    securityPatch?: boolean;
    description?: string;
    type?: string;
  },
): Promise<{ id: string; size: number; sha256: string; version: string | null }> {
  const fields: Part[] = [{ name: 'productId', value: f.productId }];
  if (f.version) fields.push({ name: 'version', value: f.version });
  if (f.kind) fields.push({ name: 'kind', value: f.kind });
  if (f.fromVersion) fields.push({ name: 'fromVersion', value: f.fromVersion });
  if (f.toVersion) fields.push({ name: 'toVersion', value: f.toVersion });
  if (f.securityPatch) fields.push({ name: 'securityPatch', value: 'true' });
  if (f.description) fields.push({ name: 'description', value: f.description });
  fields.push({
    name: 'file',
    filename: f.name,
    type: f.type ?? 'application/octet-stream',
    content: f.content ?? `content of ${f.name}`,
  });
  const res = await upload(app, staffAuth, '/api/v1/staff/files/product-files', fields);
  if (res.statusCode !== 201) throw new Error(`product file upload failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The entries of a .zip (name → content), read from its central directory. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The files of a .tgz (name → content); PAX and directory entries are skipped. */
export function untgz(gz: Buffer): Map<string, Buffer> {
  const buf = gunzipSync(gz);
  const out = new Map<string, Buffer>();
  let p = 0;
  while (p + 512 <= buf.length) {
    const header = buf.subarray(p, p + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a: number, b: number) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157);
    const prefix = str(345, 500);
    const name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    if (type === '0' || type === '') out.set(name, Buffer.from(buf.subarray(p + 512, p + 512 + size)));
    p += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** Rows and contents for the authorization matrix: a file of company A, a product package and an upgrade file. */
export async function seedMatrixFiles(
  ctx: AppContext,
  company: { id: string; primary: { id: string } },
  productId: string,
): Promise<{ companyFileId: string; productFileId: string }> {
  const now = ctx.clock.now();
  const put = (text: string) =>
    ctx.storage.put(Readable.from([Buffer.from(text)]), { maxBytes: 1024, prefix: 'matrix' });
  const a = await put('company file');
  const cf = await ctx.db
    .insertInto('company_files')
    .values({
      company_id: company.id,
      name: 'matrix.txt',
      size: a.size,
      media_type: 'text/plain',
      storage_key: a.key,
      sha256: a.sha256,
      uploaded_by_profile: company.primary.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const file = async (kind: 'package' | 'upgrade', name: string) => {
    const b = await put(name);
    const upgrade = kind === 'upgrade';
    return ctx.db
      .insertInto('product_files')
      .values({
        product_id: productId,
        version: '4.7.2',
        kind,
        from_version: upgrade ? '4.7.1' : null,
        to_version: upgrade ? '4.7.2' : null,
        name,
        size: b.size,
        media_type: 'application/zip',
        storage_key: b.key,
        sha256: b.sha256,
        created_at: now,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  };
  const pf = await file('package', 'cart-4.7.2.zip');
  await file('upgrade', 'cart-4.7.1-4.7.2.diff');
  return { companyFileId: cf.id, productFileId: pf.id };
}
