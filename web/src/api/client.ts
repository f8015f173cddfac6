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
    title: 'Clientele cannot be reached. Check your internet connection and try again.',
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

/**
 * What each problem code means to the person in front of the screen: what happened and what to do,
 * in plain words (the server's titles are for API clients: "This conflicts with the current state.").
 */
const plainWords: Record<string, string> = {
  'validation-failed': 'Some fields need attention. Please correct the marked fields.',
  'malformed-json': 'The page sent something the server could not read. Reload the page and try again.',
  'bad-request': 'This cannot be done as asked. Check what you entered and try again.',
  unauthenticated: 'Your session has ended. Log in again to continue.',
  'invalid-credentials': 'E-mail or password is wrong. Check both and try again.',
  'csrf-failed': 'This page was open for a long time. Reload it and try again.',
  forbidden: 'You are not allowed to do this. Ask your company’s owner or an administrator if you need it.',
  'email-unconfirmed': 'Confirm your e-mail address first: open the link in the mail we sent you.',
  'not-found': 'This item does not exist any more, or you have no access to it. Go back and reload the list.',
  'method-not-allowed': 'This action is not available here.',
  conflict: 'This cannot be done right now: the item may have changed meanwhile. Reload the page and try again.',
  'email-taken': 'This e-mail address is already in use. Use another address, or log in with this one.',
  'payload-too-large': 'This is too large to send. Choose a smaller file and try again.',
  'uri-too-long': 'The address is too long. Shorten the search and try again.',
  'unsupported-media-type': 'This type of file is not accepted. Choose another file.',
  'range-not-satisfiable': 'The download could not go on. Start it again.',
  unprocessable: 'This cannot be done as asked. Check the details and try again.',
  'idempotency-key-reused': 'This form was already sent with other content. Reload the page and send it again.',
  'account-locked':
    'This account is blocked after too many failed log-ins. Reset your password to unblock it, or ask your company’s owner.',
  'rate-limited': 'Too many attempts in a short time. Wait a minute and try again.',
  internal: 'Something went wrong on our side. Try again; if it keeps happening, contact support.',
  unavailable: 'Clientele is restarting. Try again in a few seconds.',
  network: 'Clientele cannot be reached. Check your internet connection and try again.',
};

/** The plain-words sentence of a problem's code, or of its status when the code is unknown (a proxy's 502). */
export function plainProblem(problem: Problem): string {
  const words = plainWords[problem.code];
  if (words) return words;
  if (problem.status === 502 || problem.status === 503 || problem.status === 504) return plainWords.unavailable!;
  if (problem.status >= 500) return plainWords.internal!;
  if (problem.status === 404) return plainWords['not-found']!;
  if (problem.status === 0) return plainWords.network!;
  return 'This did not work. Check what you entered and try again.';
}

/**
 * The server's own explanation, when it wrote one for people (a use case's "Only a Pending license
 * can be verified."): not the generic title again, not the "field: message" list of a validation
 * failure (those go next to their inputs).
 */
function specificDetail(problem: Problem): string | undefined {
  const { detail } = problem;
  if (!detail || detail === problem.title || problem.status >= 500) return undefined;
  if (problem.errors?.length && problem.code === 'validation-failed') return undefined;
  return detail;
}

/** The message to show for any error, in plain words that say what to do. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const { problem } = err;
    const detail = specificDetail(problem);
    if (detail) return detail;
    // A validation failure outside a form (a notification): its field messages are the useful part.
    if (problem.code === 'validation-failed' && problem.errors?.length)
      return problem.errors.map((e) => e.message).join(' ');
    return plainProblem(problem);
  }
  return 'Something went wrong. Try again; if it keeps happening, reload the page.';
}

/** The specific line of a problem (server's detail) and its plain-words headline, for a banner. */
export function problemWords(err: ApiError): { headline: string; detail?: string } {
  return { headline: plainProblem(err.problem), detail: specificDetail(err.problem) };
}

export function fieldError(err: unknown, name: string): string | undefined {
  return err instanceof ApiError ? err.field(name) : undefined;
}
