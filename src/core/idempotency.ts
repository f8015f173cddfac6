import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from './context.js';
import type { Db } from './db/index.js';
import { AppError } from './errors.js';
import { discard, type ReceivedFile } from './storage/receive-uploads.js';

/**
 * Issue 19, safe retries: a create request may carry an `Idempotency-Key` (1–255 visible ASCII
 * characters, scoped to the caller). Its first successful answer is stored **in the transaction of its
 * effect**, so a request whose answer was lost (the process died after the commit) is never carried
 * out twice: the same key with the same request gets the stored answer again (`Idempotent-Replayed:
 * true`), the same key with another request is 422, and two requests with one key at once give one
 * effect (the second waits on the first's key row and then replays its answer). An answer that is an
 * error stored nothing (the transaction rolled back), so its retry runs again. Answers are kept
 * `CLIENTELE_IDEMPOTENCY_HOURS` (24); a key reused after that is a new request.
 */
export const idempotencyKeyHeader = 'idempotency-key';

const keySchema = z
  .string()
  .min(1, 'Must not be empty.')
  .max(255, 'At most 255 characters.')
  .regex(/^[\x21-\x7e]*$/, 'Visible ASCII characters only (a UUID is a good key).')
  .optional()
  .meta({
    description:
      'Makes the request safe to retry: send a new unique value (a UUID) per intended action and the same value ' +
      'when you retry it. The first successful answer is replayed for 24 hours (header Idempotent-Replayed: true); ' +
      'the same key with another request is refused with 422.',
  });

/** The request headers of a route that accepts an Idempotency-Key (other headers pass through). */
export const idempotencyHeaders = z.looseObject({ [idempotencyKeyHeader]: keySchema });

/** What an idempotent handler produces: its status and the body the route's response schema serialises. */
export interface Answer {
  status: number;
  body: unknown;
}

export interface IdempotentOptions {
  /**
   * What makes two requests the same besides method and path: the validated fields, and for uploads
   * the stored files' digests (a browser's retry sends another multipart boundary, not another file).
   */
  fingerprint: unknown;
  /** Undoes what the route did before the effect (e.g. removes files streamed to storage) when the answer is replayed. */
  discard?: () => Promise<unknown>;
}

/**
 * The options of a request whose content is `fields` (validated) and `files` (streamed to storage
 * before the effect): the files count by name and digest, and a replay removes the copies just stored.
 */
export function requestOf(ctx: AppContext, fields: unknown, files: ReceivedFile[] = []): IdempotentOptions {
  return {
    fingerprint: { fields, files: files.map((f) => [f.name, f.stored.size, f.stored.sha256]) },
    discard: files.length ? () => discard(ctx.storage, files) : undefined,
  };
}

/**
 * Runs a create request's effect so that a retry with the same Idempotency-Key never repeats it.
 * Without the header it just runs `run(ctx)`. With it, `run` gets a context whose `db` is the
 * transaction that also holds the key's row: use only that `ctx` inside (on the embedded database
 * the outer `db` waits for the one connection the transaction holds).
 */
export async function idempotent(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  options: IdempotentOptions,
  run: (ctx: AppContext) => Promise<Answer>,
): Promise<FastifyReply> {
  const key = req.headers[idempotencyKeyHeader];
  if (typeof key !== 'string') {
    const answer = await run(ctx);
    return reply.code(answer.status).send(answer.body);
  }
  const scope = scopeOf(req);
  const hash = requestHash(req, options.fingerprint);
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + ctx.config.idempotencyHours * 3_600_000);
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    // The key's row, taken first: a concurrent request with the same key waits here for this
    // transaction, then sees its stored answer. A row past its expiry is taken over (a new request).
    const claimed = await sql<{ id: string }>`
      INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at, expires_at)
      VALUES (${scope}, ${key}, ${hash}, 0, '', ${now}, ${expires})
      ON CONFLICT (scope, key) DO UPDATE
        SET request_hash = excluded.request_hash, status = 0, body = '',
            created_at = excluded.created_at, expires_at = excluded.expires_at
        WHERE idempotency_keys.expires_at <= ${now}
      RETURNING id`.execute(trx);
    const id = claimed.rows[0]?.id;
    if (!id) {
      const stored = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status', 'body'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return { replay: stored, fresh: null };
    }
    const answer = await run({ ...ctx, db: trx as unknown as Db });
    reply.code(answer.status);
    const payload = String(reply.serialize(answer.body));
    await trx
      .updateTable('idempotency_keys')
      .set({ status: answer.status, body: payload })
      .where('id', '=', id)
      .execute();
    return { replay: null, fresh: { status: answer.status, payload } };
  });
  if (outcome.fresh) return reply.code(outcome.fresh.status).type(jsonType).send(outcome.fresh.payload);
  await options.discard?.();
  if (outcome.replay.request_hash !== hash)
    throw new AppError(
      'idempotency-key-reused',
      'This Idempotency-Key was used for another request. Send a new key for a new request; a retry must repeat the request exactly.',
      [{ field: 'Idempotency-Key', message: 'Already used for a different request.' }],
    );
  return reply
    .code(outcome.replay.status)
    .header('idempotent-replayed', 'true')
    .type(jsonType)
    .send(outcome.replay.body);
}

const jsonType = 'application/json; charset=utf-8';

/** Keys belong to the caller: another profile's identical key is another key. */
function scopeOf(req: FastifyRequest): string {
  const actor = req.auth.actor;
  if (actor.kind === 'profile' || actor.kind === 'staff') return `${actor.kind}:${actor.id}`;
  // Create routes need a log-in (access is checked before the handler); nothing else reaches here.
  throw new AppError('unauthenticated');
}

function requestHash(req: FastifyRequest, fingerprint: unknown): string {
  const path = req.url.split('?')[0];
  return createHash('sha256').update(`${req.method} ${path}\n`).update(canonicalJson(fingerprint)).digest('hex');
}

/** JSON with object keys sorted, so the same fields in another order are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/** Removes answers past their expiry, a batch at a time (the idempotency-sweep job, hourly). */
export async function sweepIdempotencyKeys(db: Db, now: Date, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sql`
      DELETE FROM idempotency_keys WHERE id IN (
        SELECT id FROM idempotency_keys WHERE expires_at <= ${now} ORDER BY expires_at LIMIT ${batch})`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < batch) return total;
  }
}
