import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { Jobs } from './jobs.js';
import type { Storage } from './storage/index.js';

/** What every use case may need from the running app: settings, database, clock, jobs, log. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  jobs: Jobs;
  log: Logger;
  /** Where files live (F-6); the local disk unless another store is configured. */
  storage: Storage;
  /** The host part used in generated Message-IDs. */
  mailDomain: string;
}
