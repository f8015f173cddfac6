import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import {
  type BatchOptions,
  deliverDueMail,
  relayChecker,
  relayRetryMs,
  resumeRelayDeferred,
  type UndeliverableCheck,
} from './deliver.js';
import type { MailTransport } from './transport.js';

export interface MailDelivererOptions extends Omit<BatchOptions, 'stopping' | 'log'> {
  db: Db;
  transport: MailTransport;
  clock: Clock;
  from: string;
  log: Logger;
  undeliverable?: UndeliverableCheck;
  /** Rows claimed at once. */
  batch?: number;
  /** With nothing due, how long to wait before looking again (real time) unless woken. */
  idleMs?: number;
  /** After a database error, how long to wait before trying again (real time). */
  errorBackoffMs?: number;
  /** While the relay is down, how often it is probed (by the clock). */
  probeEveryMs?: number;
  /** Batches in flight at once (2: the next claim overlaps the last sends of a batch). */
  lanes?: number;
}

export interface MailDeliverer {
  /** Starts the loop (once). Mail deferred because the relay was down is due at once. */
  start(): void;
  /** Looks for due mail now instead of at the end of the idle wait. */
  wake(): void;
  /** Finishes the sends in flight, gives back the mail claimed and not tried, and ends the loop. */
  stop(): Promise<void>;
  /** Whether the relay is taken as unreachable (the loop probes it instead of sending). */
  readonly relayDown: boolean;
}

/**
 * E-1, issue 19: the outbox's delivery loop, one per server process. It delivers batch after batch
 * while mail is due, then waits `idleMs` (an indexed probe each time) or until woken; each batch
 * takes over lapsed claims, so mail of a process that died goes out about a lease later. When the
 * relay fails for everyone it stops sending, probes the relay every `probeEveryMs` by the clock
 * (`transport.verify`, or the next batch itself when the transport cannot verify), and once it
 * answers makes all relay-deferred mail due at once. A database error is logged and the loop tries
 * again a few seconds later: it never ends the process.
 */
export function createMailDeliverer(o: MailDelivererOptions): MailDeliverer {
  const idleMs = o.idleMs ?? 1_000;
  const errorBackoffMs = o.errorBackoffMs ?? 3_000;
  const probeEveryMs = o.probeEveryMs ?? relayRetryMs;
  let running: Promise<void> | null = null;
  let stopping = false;
  let downSince: Date | null = null;
  let nextProbeAt = 0;
  let probing: Promise<void> | null = null;
  const relay = relayChecker(o.transport);
  const sleepers = new Set<() => void>();
  let woken = false;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopping) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        woken = false;
        resolve();
      }
      sleepers.add(done);
    });
  const wakeAll = () => {
    woken = true;
    for (const s of [...sleepers]) s();
  };

  const resume = async (why: string) => {
    const due = await resumeRelayDeferred(o.db, o.clock.now());
    if (due) o.log.info({ due }, `${why}: mail deferred while the relay was down is due now`);
  };

  /** Whether the relay answers again (true when the transport cannot tell: the next batch will). */
  const probe = async () => {
    try {
      await o.transport.verify?.();
    } catch (err) {
      nextProbeAt = o.clock.now().getTime() + probeEveryMs;
      o.log.warn({ err: (err as Error).message }, 'mail relay still unreachable; mail waits in the outbox');
      return;
    }
    o.log.info({ downSince }, 'mail relay answers again');
    downSince = null;
    relay.reset();
    await resume('mail relay answers again');
    wakeAll();
  };

  /** One lane: batch after batch. Two lanes overlap one batch's last sends with the next claim. */
  const lane = async () => {
    while (!stopping) {
      try {
        if (downSince) {
          if (o.clock.now().getTime() >= nextProbeAt) {
            probing ??= probe().finally(() => {
              probing = null;
            });
            await probing;
          }
          if (downSince) await pause(idleMs);
          continue;
        }
        const r = await deliverDueMail(o.db, o.transport, o.clock, o.from, o.batch ?? 100, o.undeliverable, {
          leaseMs: o.leaseMs,
          renewEveryMs: o.renewEveryMs,
          relayRetryMs: o.relayRetryMs ?? probeEveryMs,
          stopping: () => stopping,
          relay,
          log: o.log,
        });
        if (r.relayDown && !downSince) {
          downSince = o.clock.now();
          nextProbeAt = downSince.getTime() + probeEveryMs;
          o.log.warn(
            { deferred: r.deferred, probeEverySeconds: probeEveryMs / 1000 },
            'mail relay unreachable: mail waits in the outbox (no attempt spent) until it answers',
          );
        } else if (r.claimed === 0) await pause(idleMs);
      } catch (err) {
        o.log.warn({ err }, 'mail delivery failed (database?); trying again shortly');
        await pause(errorBackoffMs);
      }
    }
  };

  const run = async () => {
    // A restart tries again at once, not when each mail's own retry time comes.
    while (!stopping) {
      try {
        await resume('mail delivery started');
        break;
      } catch (err) {
        o.log.warn({ err }, 'mail delivery could not start (database?); trying again shortly');
        await pause(errorBackoffMs);
      }
    }
    await Promise.all(Array.from({ length: o.lanes ?? 2 }, lane));
  };

  return {
    start() {
      running ??= run();
    },
    wake: wakeAll,
    async stop() {
      stopping = true;
      wakeAll();
      await running;
    },
    get relayDown() {
      return downSince !== null;
    },
  };
}
