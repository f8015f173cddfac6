import { systemClock, type Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import type { AppContext } from './core/context.js';
import { type DatabaseHandle, openDatabase } from './core/db/index.js';
import { migrate } from './core/db/migrate.js';
import { noJobs } from './core/jobs.js';
import { createLogger } from './core/logger.js';
import { mailDomainFor } from './core/mail/index.js';
import { LocalDiskStorage } from './core/storage/index.js';

/**
 * Opens and migrates the database and assembles the app context (jobs are started by the server).
 * `migrate: false` only for the CLI's repairs that must run before a migration that refuses the data.
 */
export async function boot(
  config: Config,
  clock: Clock = systemClock,
  options: { migrate?: boolean } = {},
): Promise<{ ctx: AppContext; handle: DatabaseHandle }> {
  const log = createLogger(config.logLevel, config.logFormat);
  const handle = await openDatabase(config);
  try {
    if (options.migrate !== false) {
      const applied = await migrate(handle.db, clock.now());
      if (applied.length) log.info({ applied }, 'database migrated');
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  const storage = new LocalDiskStorage(config.storageDir);
  const ctx: AppContext = {
    config,
    db: handle.db,
    clock,
    jobs: noJobs,
    log,
    storage,
    mailDomain: mailDomainFor(config),
  };
  return { ctx, handle };
}
