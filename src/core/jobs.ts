import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';

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
 */
export async function startJobs(pool: pg.Pool, definitions: JobDefinition[], log: Logger): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
    schema: 'pgboss',
  } as ConstructorParameters<typeof PgBoss>[0]);
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  const timers: NodeJS.Timeout[] = [];
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
