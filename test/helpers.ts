import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app.js';
import { TestClock } from '../src/core/clock.js';
import type { Config } from '../src/core/config.js';
import type { AppContext } from '../src/core/context.js';
import type { DatabaseHandle } from '../src/core/db/index.js';
import type { Jobs } from '../src/core/jobs.js';
import { testConfig, testDatabase, testStorage } from './db.js';
import { type DeclaredStatuses, declaredStatuses, suiteStatusLog } from './status-contract.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  /** The jobs asked for (kick) during the test, in order. */
  kicked: string[];
}

/**
 * Builds the real app on the worker's real database with a clock the test moves. Closed after the
 * file; before that, every status its routes answered is checked against its OpenAPI document.
 * `database`: another database than the worker's (one that is unreachable, or a pool of its own).
 */
export async function setupApp(
  overrides: Partial<Config> = {},
  options: { database?: DatabaseHandle } = {},
): Promise<TestApp> {
  const handle = options.database ?? (await testDatabase());
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const kicked: string[] = [];
  const jobs: Jobs = { kick: async (n) => void kicked.push(n), stop: async () => {} };
  const ctx: AppContext = {
    config: testConfig(overrides),
    db: handle.db,
    clock,
    jobs,
    log: pino({ level: 'silent' }),
    storage: testStorage(),
    mailDomain: 'clientele.test',
  };
  let declared: DeclaredStatuses | undefined;
  const app = await buildApp(ctx, { onRouteResponse: suiteStatusLog.recorder(() => declared) });
  await app.ready();
  declared = declaredStatuses(app.swagger() as Parameters<typeof declaredStatuses>[0]);
  afterAll(() => suiteStatusLog.assertDeclared());
  afterAll(() => app.close());
  return { app, ctx, clock, kicked };
}

export interface Auth {
  cookie?: string;
  csrf?: string;
  bearer?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls the app as a given person (session cookie + CSRF header, or a Bearer token). */
export function call(
  app: FastifyInstance,
  auth: Auth | null,
  method: Method,
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (auth?.cookie) headers.cookie = `clientele_session=${auth.cookie}`;
  if (auth?.csrf && method !== 'GET') headers['x-csrf-token'] = auth.csrf;
  if (auth?.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
}

/** The session cookie value from a log-in response. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'clientele_session');
  if (!c) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return c.value;
}

/** Logs in through the API and returns the credentials to call as that person. */
export async function logInAs(app: FastifyInstance, email: string, password: string, staff = false): Promise<Auth> {
  const res = await call(app, null, 'POST', staff ? '/api/v1/staff/auth/login' : '/api/v1/auth/login', {
    email,
    password,
  });
  if (res.statusCode !== 200) throw new Error(`log-in of ${email} failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookie(res), csrf: res.json().csrfToken };
}

export function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  if (!String(res.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${res.headers['content-type']}`);
  }
  const body = res.json();
  if (code && body.code !== code) throw new Error(`expected code ${code}, got ${body.code}: ${res.body}`);
  return body as {
    type: string;
    title: string;
    status: number;
    code: string;
    detail?: string;
    errors?: { field: string; message: string }[];
  };
}
