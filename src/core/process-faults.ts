import type { Logger } from 'pino';
import { isDatabaseUnavailable, outageReporter } from './db/faults.js';

/**
 * What the server process does with an error nobody caught (issue 19.1):
 * - an unhandled promise rejection is logged and the server carries on: a database outage (pg-boss
 *   completing a job as the connection drops) is a warning, once per outage; anything else is a
 *   bug, logged as an error, but a promise nobody awaited leaves no half-done state behind, and
 *   ending the process would drop every request in flight;
 * - an uncaught exception from a lost database connection (an 'error' event without a listener)
 *   is a warning too; any other ends the process after logging it, as Node recommends, since the
 *   code that threw stopped half-way; a supervisor (systemd, Docker) starts it again.
 *
 * The contract for every long-lived loop of the app (pg-boss's, the mail delivery loop, the SMTP
 * listener): it catches its own errors, logs them and goes on with its next round; these handlers
 * are the last resort, not the way a loop survives an outage.
 */
export function handleProcessFaults(log: Logger, exit: (code: number) => void = process.exit): () => void {
  const { onRejection, onException } = processFaultHandlers(log, exit);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}

/** The two handlers that handleProcessFaults installs (apart, for its tests). */
export function processFaultHandlers(log: Logger, exit: (code: number) => void) {
  const outage = outageReporter(log);
  return {
    onRejection: (reason: unknown) => {
      if (isDatabaseUnavailable(reason)) outage(reason, 'a background task failed');
      else log.error({ err: reason }, 'unhandled promise rejection; the server carries on');
    },
    onException: (err: Error) => {
      if (isDatabaseUnavailable(err)) return outage(err, 'a connection failed');
      log.fatal({ err }, 'uncaught exception; the server stops');
      exit(1);
    },
  };
}
