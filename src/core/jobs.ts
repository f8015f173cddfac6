import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import { isDatabaseUnavailable, outageReporter } from './db/faults.js';

/** A job: a name, an optional schedule, and a handler that is safe to run twice. */
export interface JobDefinition {
  name: string;
  /** A cron schedule (UTC), at most once a minute. */
  cron?: string;
  /**
   * Runs about every this many seconds, for what must happen sooner than a cron minute allows: each
   * server asks for a run that often, and the requests of all servers within one period are merged.
   */
  everySeconds?: number;
  handler: () => Promise<unknown>;
}

export interface Jobs {
  /** Asks for a run of the job soon; runs asked for within a few seconds are merged into one. */
  kick(name: string): Promise<void>;
  stop(): Promise<void>;
}

export const noJobs: Jobs = { kick: async () => {}, stop: async () => {} };

/**
 * The job queue while it is still starting: kicks and the stop wait for it. The server listens
 * without waiting for pg-boss (issue 10.12: a restart is ready sooner); nothing asked for is lost.
 */
export function deferredJobs(starting: Promise<Jobs>): Jobs {
  return {
    kick: async (name) => (await starting).kick(name),
    stop: async () => (await starting).stop(),
  };
}

/**
 * Starts pg-boss on the app's own pool (PGlite or PostgreSQL), creates the queues, schedules the
 * cron jobs and starts one worker per job. pg-boss guarantees one run per due item across servers.
 *
 * Through a database outage (issue 19.1) the queue pauses and resumes by itself: a worker's failed
 * poll is swallowed by pg-boss and it polls again 2 s later; its maintenance, monitoring and cron
 * rounds catch their own errors and emit 'error' (logged here, once per outage rather than once
 * per round) and try again on their next round (measured: a job kicked after the database came
 * back ran within one polling interval). What it does not catch — the completion or failure of a
 * job that ran as the database went away (Manager.complete / Manager.fail are not awaited) —
 * reaches the server's unhandledRejection handler, which logs it and carries on; such a job stays
 * active until it expires (15 minutes) and then runs again, which every job allows. If the
 * database does not answer while the queue starts, it tries again every `retryEveryMs` until it does.
 */
export async function startJobs(
  pool: pg.Pool,
  definitions: JobDefinition[],
  log: Logger,
  options: { retryEveryMs?: number } = {},
): Promise<Jobs> {
  const outage = outageReporter(log);
  for (;;) {
    try {
      return await startBoss(pool, definitions, log, outage);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      outage(err, 'the job queue starts when it does');
      await new Promise((resolve) => setTimeout(resolve, options.retryEveryMs ?? 2000));
    }
  }
}

async function startBoss(
  pool: pg.Pool,
  definitions: JobDefinition[],
  log: Logger,
  outage: (err: unknown, what: string) => void,
): Promise<Jobs> {
  // A failed start leaves the instance unable to start again: each attempt makes a new one.
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
    schema: 'pgboss',
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (err) => {
    if (isDatabaseUnavailable(err)) outage(err, 'the job queue pauses');
    else log.error({ err }, 'job queue error');
  });
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
  try {
    for (const def of definitions) {
      await boss.createQueue(def.name);
      await boss.work(def.name, { pollingIntervalSeconds: 2 }, async () => {
        await def.handler();
      });
      if (def.cron) await boss.schedule(def.name, def.cron);
      const every = def.everySeconds;
      if (every) {
        const ask = () =>
          boss
            .send(def.name, {}, { singletonKey: `${def.name}:every`, singletonSeconds: every })
            .catch((err) => log.warn({ err, job: def.name }, 'could not ask for a run of the job'));
        timers.push(setInterval(ask, every * 1000).unref());
      }
    }
  } catch (err) {
    for (const t of timers) clearInterval(t);
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw err;
  }
  return {
    async kick(name) {
      await boss.send(name, {}, { singletonKey: name, singletonSeconds: 2 });
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
