import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { addMinutes } from '../clock.js';
import type { Db } from '../db/index.js';
import type { OutboxMail } from '../db/schema.js';
import { isRelayFailure, type MailTransport } from './transport.js';

/** Minutes to wait after the n-th failed attempt (E-1 retries with backoff). */
export const retryBackoffMinutes = [1, 5, 15, 60, 180, 360, 720];
export const maxMailAttempts = retryBackoffMinutes.length + 1;

/** How long a claim holds a row (by the clock) before another process may take it over. */
export const mailLeaseMs = 60_000;
/** How often the lease of the rows still being sent is renewed (real time): well within the lease. */
export const mailLeaseRenewMs = 20_000;
/** After the relay failed for everyone, when its deferred mail is due again (the probe interval). */
export const relayRetryMs = 60_000;

export interface DeliveryResult {
  /** Rows this batch claimed (0: nothing was due). */
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Pushed back because the relay did not answer, attempts kept. */
  deferred: number;
  /** The relay is unreachable for everyone: the batch stopped and released the mail it had not tried. */
  relayDown: boolean;
}

export interface BatchOptions {
  leaseMs?: number;
  renewEveryMs?: number;
  relayRetryMs?: number;
  /** Asked before each send: true (shutting down) stops the batch; what it did not try goes back at once. */
  stopping?: () => boolean;
  /** Tells the relay's failures from a mail's own; shared by the batches of one deliverer. */
  relay?: RelayChecker;
  log?: Logger;
}

/**
 * Which of these recipients (lower-case addresses) must get no mail any more, e.g. A-4's disabled
 * profiles. The module that knows the people supplies it (the app passes accounts' check).
 */
export type UndeliverableCheck = (db: Db, addresses: string[]) => Promise<Set<string>>;

/**
 * E-1: one batch of delivery. Takes over rows whose claim lapsed (their process died), claims up to
 * `batch` due rows (SKIP LOCKED, so several servers never claim one row) under a short lease that is
 * renewed while they are being sent, sends them `transport.parallel` at a time and marks each sent,
 * retried with backoff, or failed. A failure of the relay itself (unreachable, timing out; confirmed
 * with `transport.verify` when it has one) spends no attempt: that mail is deferred, the batch stops,
 * and the mail it did not try is released at once (`relayDown` tells the caller to probe).
 */
export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  clock: Clock,
  from: string,
  batch = 50,
  undeliverable: UndeliverableCheck = async () => new Set(),
  opts: BatchOptions = {},
): Promise<DeliveryResult> {
  const leaseMs = opts.leaseMs ?? mailLeaseMs;
  const result: DeliveryResult = { claimed: 0, sent: 0, retried: 0, failed: 0, deferred: 0, relayDown: false };
  await takeOverLapsedClaims(db, clock.now());
  const claimed = await claimDueMail(db, clock.now(), batch, leaseMs);
  result.claimed = claimed.length;
  if (!claimed.length) return result;

  // a disabled profile receives no mail, even mail queued before it was disabled.
  const addresses = [...new Set(claimed.map((m) => m.to_address.toLowerCase()))];
  let disabled: Set<string>;
  try {
    disabled = await undeliverable(db, addresses);
  } catch (err) {
    await release(db, claimed).catch(() => {}); // else its lease lapses
    throw err;
  }

  const open = new Set(claimed.map((m) => m.id));
  const record = async (id: string, what: string, write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (err) {
      // The row stays claimed and its lease lapses: it is taken over and sent again (at least once).
      opts.log?.warn({ err, mailId: id }, `the outbox could not record a mail as ${what}`);
    } finally {
      open.delete(id);
    }
  };
  const renew = setInterval(() => {
    if (!open.size) return;
    db.updateTable('mail_outbox')
      .set({ locked_until: new Date(clock.now().getTime() + leaseMs) })
      .where('id', 'in', [...open])
      .where('status', '=', 'sending')
      .execute()
      .catch((err) => opts.log?.warn({ err }, 'the outbox could not renew the lease of mail being sent'));
  }, opts.renewEveryMs ?? mailLeaseRenewMs);

  // Sent mail is recorded in groups: one update for what was sent within ~20 ms (or 25 mails), so a
  // busy outbox writes many rows a statement. A crash in between sends those few again (at least once).
  const sentQueue: string[] = [];
  let recordingSent: Promise<void> | null = null;
  let sendsDone = false;
  const recordSent = async () => {
    while (sentQueue.length) {
      if (sentQueue.length < 25 && !sendsDone) await new Promise((r) => setTimeout(r, 20));
      const ids = sentQueue.splice(0);
      try {
        await db
          .updateTable('mail_outbox')
          .set((eb) => ({
            status: 'sent',
            sent_at: clock.now(),
            transport: transport.name,
            locked_until: null,
            last_error: null,
            relay_deferred: false,
            attempts: eb('attempts', '+', 1),
          }))
          .where('id', 'in', ids)
          .execute();
      } catch (err) {
        // The rows stay claimed and their lease lapses: taken over and sent again (at least once).
        opts.log?.warn({ err, mails: ids.length }, 'the outbox could not record mail as sent');
      } finally {
        for (const id of ids) open.delete(id);
      }
    }
  };

  const relay = opts.relay ?? relayChecker(transport);

  const deliverOne = async (mail: OutboxMail) => {
    if (disabled.has(mail.to_address.toLowerCase())) {
      result.failed++;
      return record(mail.id, 'failed', () =>
        db
          .updateTable('mail_outbox')
          .set({ status: 'failed', last_error: "Not sent: the recipient's profile is disabled.", locked_until: null })
          .where('id', '=', mail.id)
          .execute(),
      );
    }
    let error: unknown;
    try {
      await transport.send(mail, from);
    } catch (err) {
      error = err;
    }
    const message = error === undefined ? '' : String((error as Error)?.message ?? error).slice(0, 1000);
    if (error === undefined) {
      result.sent++;
      sentQueue.push(mail.id);
      recordingSent ??= recordSent().finally(() => {
        recordingSent = null;
      });
      return;
    }
    if (await relay.unreachable(error)) {
      result.relayDown = true;
      result.deferred++;
      return record(mail.id, 'deferred', () =>
        db
          .updateTable('mail_outbox')
          .set({
            status: 'pending',
            relay_deferred: true,
            last_error: `The mail relay did not answer: ${message}`.slice(0, 1000),
            next_attempt_at: new Date(clock.now().getTime() + (opts.relayRetryMs ?? relayRetryMs)),
            locked_until: null,
          })
          .where('id', '=', mail.id)
          .where('status', '=', 'sending')
          .execute(),
      );
    }
    const attempts = mail.attempts + 1;
    const giveUp = attempts >= maxMailAttempts;
    const wait = retryBackoffMinutes[Math.min(attempts - 1, retryBackoffMinutes.length - 1)] ?? 60;
    if (giveUp) result.failed++;
    else result.retried++;
    return record(mail.id, 'retried', () =>
      db
        .updateTable('mail_outbox')
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          last_error: message,
          next_attempt_at: addMinutes(clock.now(), wait),
          locked_until: null,
        })
        .where('id', '=', mail.id)
        .where('status', '=', 'sending')
        .execute(),
    );
  };

  // Several sends at once (the transport's pool), so one slow mail does not hold the whole batch.
  const queue = [...claimed];
  const take = () => (result.relayDown || opts.stopping?.() ? undefined : queue.shift());
  const workers = Array.from({ length: Math.max(1, Math.min(transport.parallel ?? 1, queue.length)) }, async () => {
    for (let mail = take(); mail; mail = take()) await deliverOne(mail);
  });
  try {
    await Promise.all(workers);
    sendsDone = true;
    await recordingSent;
    if (sentQueue.length) await recordSent();
  } finally {
    clearInterval(renew);
  }
  // Claimed, never tried: back to the outbox now rather than when the lease lapses.
  if (queue.length) await release(db, queue);
  return result;
}

/** Gives claimed rows back as they were (due, attempts untouched). */
async function release(db: Db, mails: OutboxMail[]) {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'pending', locked_until: null })
    .where(
      'id',
      'in',
      mails.map((m) => m.id),
    )
    .where('status', '=', 'sending')
    .execute();
}

export interface RelayChecker {
  /** Whether this send failure means the relay is unreachable for everyone. */
  unreachable(err: unknown): Promise<boolean>;
  /** The relay answers again. */
  reset(): void;
}

/**
 * Tells a relay failure from a refusal of one mail: a failure that looks like the relay's
 * (isRelayFailure) is confirmed with `transport.verify` when it has one — a relay that still answers
 * makes it that mail's own failure. One check at a time however many sends fail together, and once
 * the relay is found down it stays so until `reset` (the deliverer's probe found it answering).
 */
export function relayChecker(transport: MailTransport): RelayChecker {
  let check: Promise<boolean> | null = null;
  let down = false;
  return {
    unreachable(err) {
      if (!isRelayFailure(err)) return Promise.resolve(false);
      if (down || !transport.verify) return Promise.resolve(true);
      const verify = transport.verify.bind(transport);
      check ??= verify()
        .then(
          () => false,
          () => true,
        )
        .then((isDown) => {
          down = isDown;
          return isDown;
        })
        .finally(() => {
          check = null;
        });
      return check;
    },
    reset() {
      down = false;
    },
  };
}

/** Claims up to `batch` due rows, oldest due first, for `leaseMs` (served by mail_outbox_due_idx). */
function claimDueMail(db: Db, now: Date, batch: number, leaseMs: number) {
  return db
    .updateTable('mail_outbox')
    .set({ status: 'sending', locked_until: new Date(now.getTime() + leaseMs) })
    .where(
      'id',
      'in',
      db
        .selectFrom('mail_outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(batch)
        .forUpdate()
        .modifyEnd(sql`SKIP LOCKED`),
    )
    .returningAll()
    .execute();
}

/**
 * Rows whose lease lapsed (the process sending them died or lost the database) go back to the
 * outbox, due at once. The takeover counts as an attempt, so a mail that kills every process sending
 * it is failed after maxMailAttempts instead of looping through the servers for ever.
 */
export async function takeOverLapsedClaims(db: Db, now: Date): Promise<number> {
  const r = await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      status: sql<'pending' | 'failed'>`CASE WHEN attempts + 1 >= ${maxMailAttempts} THEN 'failed' ELSE 'pending' END`,
      attempts: eb('attempts', '+', 1),
      locked_until: null,
      last_error: 'The process sending it stopped before its result was recorded; taken over.',
    }))
    .where('status', '=', 'sending')
    .where('locked_until', '<', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Mail deferred because the relay did not answer is due now (not at its own retry time): the relay
 * answers again, or the server (re)starts. Returns how many mails became due.
 */
export async function resumeRelayDeferred(db: Db, now: Date): Promise<number> {
  const r = await db
    .updateTable('mail_outbox')
    .set((eb) => ({ next_attempt_at: eb.fn('least', ['next_attempt_at', eb.val(now)]), relay_deferred: false }))
    .where('status', '=', 'pending')
    .where('relay_deferred', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
