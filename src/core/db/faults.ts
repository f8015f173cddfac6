import type { Logger } from 'pino';

/**
 * Connection-level database failures (issue 19.1): the PostgreSQL server restarting, stopped,
 * unreachable, or out of connections. They are transient — the pool opens new connections by
 * itself once the server answers — so a request answers 503 with Retry-After, a job or a loop
 * logs and tries again on its next round, and the process lives on. Anything else (a bad query,
 * a constraint, bad data) is not one of these and stays what it was (a 500, a failed job).
 */

// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now (starting up / shutting down), the
// connection_exception class, too_many_connections.
const sqlStates = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '08007', '53300']);
// Socket and name-resolution failures of the connection (a stopped container's host name vanishes).
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// pg and pg-pool raise these as plain errors without a code.
const messages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end on the pool|Query read timeout)/;

/**
 * Is this error (or its cause, or one of an AggregateError's errors) a lost or refused database
 * connection, rather than something the query or the data did?
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (sqlStates.has(e.code) || socketCodes.has(e.code))) return true;
  if (typeof e.message === 'string' && messages.test(e.message)) return true;
  if (e.cause && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1));
}

/** Seconds a client is told to wait (Retry-After) while the database does not answer. */
export const databaseRetryAfterSeconds = 5;

/**
 * A warning per outage, not one per failed query: during an outage every request, worker poll and
 * maintenance round fails at once. The first failure is logged, then at most one line every
 * `everyMs` with how many were left out.
 */
export function outageReporter(log: Logger, everyMs = 10_000): (err: unknown, what: string) => void {
  let last = 0;
  let skipped = 0;
  return (err, what) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    const e = err as { code?: string; message?: string };
    log.warn({ code: e?.code, reason: e?.message, skipped }, `the database does not answer (${what})`);
    last = now;
    skipped = 0;
  };
}
