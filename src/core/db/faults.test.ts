import net from 'node:net';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/db.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';
import { processFaultHandlers } from '../process-faults.js';
import { isDatabaseUnavailable, openDatabase } from './index.js';

// Issue 19.1: a database that restarts, stops or does not answer is survived. The PostgreSQL-only
// part (backends ended mid-request and under load) is test/database-outage.test.ts.

describe('isDatabaseUnavailable', () => {
  const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  it.each([
    ['57P01 terminating connection due to administrator command', pgError('57P01')],
    ['57P03 the database system is starting up', pgError('57P03')],
    ['08006 connection failure', pgError('08006')],
    ['53300 too many connections', pgError('53300')],
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', pgError('ECONNRESET', 'read ECONNRESET')],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['the pool’s connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a client that lost its connection', new Error('Client has encountered a connection error and is not queryable')],
    ['pg-boss’s copy of a worker error', { message: 'Connection terminated (Queue: q, Worker: w)', queue: 'q' }],
    ['as the cause', new Error('wrapped', { cause: pgError('57P01') })],
    ['in an AggregateError (IPv4 and IPv6 refused)', new AggregateError([pgError('ECONNREFUSED')], 'x')],
  ])('%s is an outage', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
  it.each([
    ['a unique violation', pgError('23505')],
    ['a syntax error', pgError('42601')],
    ['a statement cancelled by its timeout', pgError('57014')],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
    ['a string', 'Connection terminated'],
  ])('%s is not', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});

describe('a checked-out client whose connection fails', () => {
  it('does not end the process, and the pool goes on serving queries', async () => {
    const { pool } = await testDatabase();
    const client = await pool.connect();
    try {
      // Without a listener, EventEmitter throws an 'error' event: in a socket callback that ends the process.
      expect(client.listenerCount('error')).toBeGreaterThan(0);
      expect(() => client.emit('error', new Error('Connection terminated unexpectedly'))).not.toThrow();
    } finally {
      client.release();
    }
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('the process-level fault handlers of the server', () => {
  const capture = () => {
    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
    const exits: number[] = [];
    return { lines, exits, ...processFaultHandlers(log, (code) => void exits.push(code)) };
  };
  it('log an unhandled rejection and carry on: a warning for an outage, an error otherwise', () => {
    const h = capture();
    h.onRejection(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    h.onRejection(new Error('a bug'));
    expect(h.lines.map((l) => [l.level, l.msg])).toEqual([
      [40, expect.stringContaining('the database does not answer')],
      [50, expect.stringContaining('unhandled promise rejection')],
    ]);
    expect(h.exits).toEqual([]);
  });
  it('survive an uncaught lost connection, and stop on any other uncaught exception', () => {
    const h = capture();
    h.onException(new Error('Connection terminated unexpectedly'));
    expect(h.exits).toEqual([]);
    h.onException(new TypeError('x is not a function'));
    expect(h.exits).toEqual([1]);
    expect(h.lines.at(-1)).toMatchObject({ level: 60, msg: expect.stringContaining('uncaught exception') });
  });
});

// Nothing listens on port 1: every connection is refused at once.
const refused = await openDatabase({
  databaseUrl: 'postgres://clientele@127.0.0.1:1/clientele',
  dataDir: '',
  databasePoolSize: 2,
});
afterAll(() => refused.close());
const { app } = await setupApp({}, { database: refused });

describe('the app while the database does not answer', () => {
  it('answers 503 problem+json with Retry-After on /readyz and on API calls (raised while authenticating), 200 on /healthz', async () => {
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(expectProblem(ready, 503, 'unavailable').detail).toBe('The database does not answer.');
    expect(ready.headers['retry-after']).toBe('5');
    const auth = { cookie: 'a-session', csrf: 'its-token' };
    for (const [method, url] of [
      ['GET', '/api/v1/me'],
      ['POST', '/api/v1/auth/logout'],
    ] as const) {
      const res = await call(app, auth, method, url);
      expect(expectProblem(res, 503, 'unavailable').detail).toMatch(/database does not answer/);
      expect(res.headers['retry-after']).toBe('5');
    }
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('gives up on a server that accepts connections but never answers after the connect timeout', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => void sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const handle = await openDatabase(
      { databaseUrl: `postgres://clientele@127.0.0.1:${port}/clientele`, dataDir: '', databasePoolSize: 2 },
      { connectTimeoutMs: 300 },
    );
    try {
      const started = Date.now();
      await expect(handle.pool.query('SELECT 1')).rejects.toSatisfy(isDatabaseUnavailable);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await handle.close();
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
