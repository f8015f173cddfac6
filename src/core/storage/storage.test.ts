import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError, toProblem } from '../errors.js';
import { contentDisposition, isInlineSafe, parseRange, sanitizeFileName } from './files.js';
import { LocalDiskStorage } from './index.js';
import { sendStoredFile } from './send.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-storage-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const storage = new LocalDiskStorage(root);

/** A stream of `size` bytes in chunks, like an upload arriving over the network. */
function chunks(size: number, chunk = 64 * 1024): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const n = Math.min(chunk, size - sent);
      this.push(Buffer.alloc(n, sent % 251));
      sent += n;
    },
  });
}
const readAll = async (r: Readable) => Buffer.concat(await r.toArray());

describe('local disk storage (F-6)', () => {
  it('F-6 stores a streamed file under a generated key with its size and SHA-256', async () => {
    const body = Buffer.from('hello, clientele');
    const stored = await storage.put(Readable.from([body]), { maxBytes: 1024, prefix: 'attachments' });
    expect(stored.key).toMatch(/^attachments\/\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(stored).toMatchObject({ size: body.length, sha256: createHash('sha256').update(body).digest('hex') });
    expect(await readAll(storage.read(stored.key))).toEqual(body);
    expect(await readAll(storage.read(stored.key, { start: 7, end: 15 }))).toEqual(Buffer.from('clientele'));
    expect(await storage.size(stored.key)).toBe(body.length);
    await storage.delete(stored.key);
    expect(await storage.size(stored.key)).toBeNull();
  });

  it('F-6 stops a file past the size limit, keeps nothing, and says 413', async () => {
    const before = fs.readdirSync(path.join(root, 'tmp')).length;
    const err = await storage.put(chunks(3 * 1024 * 1024), { maxBytes: 1024 * 1024 }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(413);
    expect(fs.readdirSync(path.join(root, 'tmp')).length).toBe(before);
  });

  it('F-6 never uses a key as a path outside its root', () => {
    expect(() => storage.read('../../etc/passwd')).toThrow(/Invalid storage key/);
    expect(() => storage.read('files/../../x')).toThrow(/Invalid storage key/);
  });
});

describe('file names and serving rules (F-3, F-6)', () => {
  it('F-6 refuses a name carrying a path and cleans the rest', () => {
    for (const bad of ['../etc/passwd', 'a/b.txt', 'C:\\temp\\x.exe', '..', '.']) {
      expect(() => sanitizeFileName(bad)).toThrow(AppError);
    }
    expect(sanitizeFileName('  report\u0007 final.pdf ')).toBe('report final.pdf');
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
    expect(sanitizeFileName('Überweisung 2026.pdf')).toBe('Überweisung 2026.pdf');
    const long = sanitizeFileName(`${'x'.repeat(300)}.tar.gz`);
    expect(long.length).toBe(200);
    expect(long.endsWith('.gz')).toBe(true);
    expect(() => sanitizeFileName('\u0000\u0001')).toThrow(AppError);
  });

  it('F-6 shows only allow-listed images inline; SVG and HTML never', () => {
    expect(isInlineSafe('image/png')).toBe(true);
    expect(isInlineSafe('image/JPEG; charset=binary')).toBe(true);
    for (const t of ['image/svg+xml', 'text/html', 'application/pdf', 'application/xhtml+xml', ''])
      expect(isInlineSafe(t)).toBe(false);
    expect(contentDisposition('Ünïcode "report".pdf', false)).toBe(
      `attachment; filename="_n_code _report_.pdf"; filename*=UTF-8''%C3%9Cn%C3%AFcode%20%22report%22.pdf`,
    );
  });

  it('F-3 parses byte ranges, and says when one is past the end', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 100)).toBeNull(); // not a valid range: ignored, the whole file (RFC 9110)
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });
});

describe('sending a stored file over HTTP (F-3)', async () => {
  const body = Buffer.from('0123456789abcdefghij');
  const stored = await storage.put(Readable.from([body]), { maxBytes: 1024 });
  const app = Fastify();
  app.setErrorHandler((err, _req, reply) => {
    const e = err instanceof AppError ? err : new AppError('internal');
    return reply.code(e.status).type('application/problem+json').send(toProblem(e));
  });
  app.get('/f/:type', async (req, reply) => {
    const { type } = req.params as { type: string };
    const mediaType = type === 'svg' ? 'image/svg+xml' : type === 'png' ? 'image/png' : 'text/plain';
    return sendStoredFile(
      reply,
      storage,
      { key: stored.key, name: `file.${type}`, mediaType, size: body.length, sha256: stored.sha256 },
      req.headers.range,
    );
  });
  afterAll(() => app.close());

  it('F-3 streams the whole file as an attachment with its length', async () => {
    const res = await app.inject('/f/txt');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(body);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="file.txt"/);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-length']).toBe(String(body.length));
  });

  it('F-3 resumes with a Range request (206) and refuses a range past the end (416)', async () => {
    const part = await app.inject({ url: '/f/txt', headers: { range: 'bytes=10-' } });
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('abcdefghij');
    expect(part.headers['content-range']).toBe(`bytes 10-19/${body.length}`);
    const past = await app.inject({ url: '/f/txt', headers: { range: 'bytes=50-60' } });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${body.length}`);
    expect(past.headers['content-type']).toMatch(/problem\+json/);
  });

  it('F-6 an allow-listed image is inline; an SVG is an opaque attachment', async () => {
    expect((await app.inject('/f/png')).headers['content-disposition']).toMatch(/^inline;/);
    const svg = await app.inject('/f/svg');
    expect(svg.headers['content-disposition']).toMatch(/^attachment;/);
    expect(svg.headers['content-type']).toBe('application/octet-stream');
    expect(svg.headers['content-security-policy']).toContain('sandbox');
  });
});
