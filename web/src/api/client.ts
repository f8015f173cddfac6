/**
 * The client of the public API. Its types are generated from the server's OpenAPI document
 * (schema.d.ts, made by `npm run gen:api`): a call names a path of that document and gets the
 * response the route declares. Session cookie, CSRF header on writes, problem+json errors as ApiError.
 * Hooks and query keys live in one file per server module beside this one (licenses.ts, …).
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';

export type { components, paths } from './schema';

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as every API error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status() {
    return this.problem.status;
  }
  /** The message for one field, for the input's `error` prop. */
  field(name: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === name)?.message;
  }
}

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type SuccessStatus = 200 | 201 | 202;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON a route answers with on success, e.g. `ResponseBody<'/api/v1/licenses/{key}', 'get'>`. */
export type ResponseBody<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? JsonOf<R[keyof R & SuccessStatus]>
  : never;

/** The JSON body a route takes, e.g. `RequestBody<'/api/v1/tickets', 'post'>`. */
export type RequestBody<P extends keyof paths, M extends Method & keyof paths[P]> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? JsonOf<NonNullable<B>>
  : never;

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The headers a write needs besides the session cookie: the CSRF token of GET /me. */
export function writeHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** No answer at all (offline, server down): shown like any other failed request. */
export function unreachable(): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Clientele cannot be reached. Check your connection and try again.',
    status: 0,
    code: 'network',
  });
}

/** The error of a failed response: its problem+json, or a generic problem when the body is not one. */
export function apiError(status: number, statusText: string, body: unknown): ApiError {
  return new ApiError(
    body && typeof body === 'object' && 'status' in body
      ? (body as Problem)
      : { type: 'about:blank', title: statusText || 'Request failed', status, code: 'unknown' },
  );
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const client = createClient<paths>({
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  fetch: async (request) => {
    try {
      return await fetch(request);
    } catch {
      throw unreachable();
    }
  },
});
client.use({
  onRequest: ({ request }) => {
    if (unsafeMethods.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
});

/**
 * The data of a `client` call; a failed request throws its ApiError. Use:
 * `data(client.GET('/api/v1/licenses/{key}', { params: { path: { key } } }))`.
 */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiError(response.status, response.statusText, error);
  return data as T;
}

/**
 * For the two things openapi-fetch cannot type: a multipart body (uploads) and a URL the server
 * handed out (a folder's `listUrl`). `T` must be a generated type (ResponseBody<…>); `url` is under /api/v1.
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: FormData,
  idempotencyKey?: string,
): Promise<T> {
  const headers = {
    accept: 'application/json',
    ...(method === 'GET' ? {} : writeHeaders()),
    ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
  };
  let res: Response;
  try {
    res = await fetch(`/api/v1${url}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw unreachable();
  }
  const parsed = parseJson(await res.text());
  if (!res.ok) throw apiError(res.status, res.statusText, parsed);
  return parsed as T;
}

/** The body as JSON; undefined when empty or not JSON (a proxy's HTML error page, say). */
export function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message to show for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail ?? err.problem.title;
  return err instanceof Error ? err.message : 'Something went wrong.';
}

export function fieldError(err: unknown, name: string): string | undefined {
  return err instanceof ApiError ? err.field(name) : undefined;
}
