import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { Jobs } from './jobs.js';

/** What every use case may need from the running app: settings, database, clock, jobs, log. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  jobs: Jobs;
  log: Logger;
  /** The host part used in generated Message-IDs. */
  mailDomain: string;
}
