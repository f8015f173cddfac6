/** The typed client of the public API: JSON in and out, CSRF header on writes, problem+json errors. */
export interface FieldError {
  field: string;
  message: string;
}

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

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Clientele cannot be reached. Check your connection and try again.',
      status: 0,
      code: 'network',
    });
  }
  if (res.status === 204) return undefined as T;
  const data = parseJson(await res.text());
  if (!res.ok) {
    throw new ApiError(
      data && typeof data === 'object' && 'status' in data
        ? (data as Problem)
        : { type: 'about:blank', title: res.statusText || 'Request failed', status: res.status, code: 'unknown' },
    );
  }
  return data as T;
}

/** The body as JSON; undefined when empty or not JSON (a proxy's HTML error page, say). */
function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** The message to show for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail ?? err.problem.title;
  return err instanceof Error ? err.message : 'Something went wrong.';
}

export function fieldError(err: unknown, name: string): string | undefined {
  return err instanceof ApiError ? err.field(name) : undefined;
}
