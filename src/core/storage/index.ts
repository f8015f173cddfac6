import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';

/** A stored file: where it is (a generated key, never a user-supplied path), its size and digest. */
export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
  /** The first bytes of the content, to tell what it really is (F-6: an image is inline only if it is one). */
  head?: Buffer;
}

const headBytes = 16;

/**
 * Where uploaded and released files live (F-6). The local disk is the default; another store
 * (S3-compatible) implements the same interface. Every method streams: no whole file in memory.
 */
export interface Storage {
  /** Streams `body` into a new object. Past `maxBytes` the write stops, nothing is kept, and a 413 is thrown. */
  put(body: Readable, options: { maxBytes: number; prefix?: string }): Promise<StoredObject>;
  /** A stream of the whole object, or of the bytes start…end (inclusive). */
  read(key: string, range?: { start: number; end: number }): Readable;
  /** The object's size in bytes, or null when it does not exist. */
  size(key: string): Promise<number | null>;
  delete(key: string): Promise<void>;
}

const keyPattern = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

/** Files on the local disk under one root folder, written to a temporary name and renamed when complete. */
export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  }

  async put(body: Readable, options: { maxBytes: number; prefix?: string }): Promise<StoredObject> {
    const prefix = (options.prefix ?? 'files').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const now = new Date();
    const key = `${prefix}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
    const tmp = path.join(this.root, 'tmp', `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (head.length < headBytes) head = Buffer.concat([head, chunk.subarray(0, headBytes - head.length)]);
        size += chunk.length;
        if (size > options.maxBytes) {
          done(
            new AppError('payload-too-large', `The file is larger than ${formatBytes(options.maxBytes)}.`, [
              { field: 'file', message: 'Too large' },
            ]),
          );
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    const out = fs.createWriteStream(tmp, { flags: 'wx' });
    try {
      await pipeline(body, limit, out);
      // A multipart stream cut at its own size limit ends without an error: treat it as too large.
      if ((body as Readable & { truncated?: boolean }).truncated) {
        throw new AppError('payload-too-large', `The file is larger than ${formatBytes(options.maxBytes)}.`, [
          { field: 'file', message: 'Too large' },
        ]);
      }
      const final = this.pathOf(key);
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      await fs.promises.rename(tmp, final);
      return { key, size, sha256: hash.digest('hex'), head };
    } catch (err) {
      // A stream cut before the file was opened still opens it: wait for the close, then remove it.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return fs.createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fs.promises.stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!keyPattern.test(key)) throw new Error(`Invalid storage key: ${key}`);
    return path.join(this.root, ...key.split('/'));
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}
