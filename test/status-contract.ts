import type { RouteResponse } from '../src/app.js';

/**
 * X-1 "a contract that tells the truth": every status an API route answers during the test suite
 * must be one the OpenAPI document declares for that operation. setupApp (test/helpers.ts) builds
 * each app with a recorder into the worker's log; an afterAll of each test file checks (and clears)
 * the log, so an undeclared status fails the file that provoked it, and with it the run.
 *
 * Per worker, per file: vitest runs the files in forked workers (isolate off), so nothing has to
 * be gathered across processes; an app built inside a test records into the same log.
 */

/** Declared statuses per operation: "GET /api/v1/profiles/{id}" → {"200", "404", …}. */
export type DeclaredStatuses = Map<string, Set<string>>;

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

/** The operation key of a route as the document names it (`:id` → `{id}`). */
export function operationKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

export function declaredStatuses(doc: OpenApiDoc): DeclaredStatuses {
  const map: DeclaredStatuses = new Map();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops))
      map.set(operationKey(method, path), new Set(Object.keys(op.responses ?? {})));
  return map;
}

/** Whether `status` is covered by a declared key: exact, "4XX" or "default". */
export function isDeclared(declared: Set<string> | undefined, status: number): boolean {
  if (!declared) return false;
  return declared.has(String(status)) || declared.has(`${String(status)[0]}XX`) || declared.has('default');
}

interface Seen {
  key: string;
  status: number;
  declared: Set<string> | undefined;
  count: number;
}

/** The (operation, status) pairs answered, each with what the document declares for the operation. */
export class StatusLog {
  private readonly seen = new Map<string, Seen>();

  /** A recorder for buildApp's onRouteResponse; `declared` is read when a response is recorded. */
  recorder(declared: () => DeclaredStatuses | undefined): (r: RouteResponse) => void {
    return (r) => {
      const key = operationKey(r.method, r.url);
      const entry = this.seen.get(`${key} ${r.status}`);
      if (entry) entry.count++;
      else this.seen.set(`${key} ${r.status}`, { key, status: r.status, declared: declared()?.get(key), count: 1 });
    };
  }

  get size(): number {
    return this.seen.size;
  }

  /** The recorded pairs the document does not declare, e.g. "POST /api/v1/x → 500 (2×)". */
  undeclared(): string[] {
    return [...this.seen.values()]
      .filter((r) => !isDeclared(r.declared, r.status))
      .map((r) => `${r.key} → ${r.status} (${r.count}×)${r.declared ? '' : ', an operation not in the document'}`)
      .sort();
  }

  /** Throws, listing them, when a recorded status is undeclared; clears the log either way. */
  assertDeclared(): void {
    const missing = this.undeclared();
    this.seen.clear();
    if (missing.length)
      throw new Error(
        `The OpenAPI document does not declare ${missing.length} status(es) that routes answered in this file ` +
          `(declare them in the route's schema.response, e.g. ...problems(404)):\n  ${missing.join('\n  ')}`,
      );
  }
}

// One log per worker process, across its test files (modules may be evaluated again; globalThis stays).
const state = globalThis as unknown as { __clienteleStatusLog?: StatusLog };
state.__clienteleStatusLog ??= new StatusLog();
export const suiteStatusLog: StatusLog = state.__clienteleStatusLog;
