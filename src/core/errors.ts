/**
 * Stable error codes, their HTTP status and the title users see (RFC 9457 problem+json, X-1, X-4).
 * Use cases throw AppError; the app's error handler turns it into application/problem+json.
 */
export const errorCodes = {
  'validation-failed': { status: 400, title: 'Your request has invalid fields.' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON.' },
  'bad-request': { status: 400, title: 'The request cannot be processed.' },
  unauthenticated: { status: 401, title: 'You need to log in.' },
  'invalid-credentials': { status: 401, title: 'E-mail or password is wrong.' },
  'csrf-failed': { status: 403, title: 'The request is missing its CSRF token.' },
  forbidden: { status: 403, title: 'You are not allowed to do this.' },
  'email-unconfirmed': { status: 403, title: 'Confirm your e-mail address first.' },
  'not-found': { status: 404, title: 'Not found.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed.' },
  conflict: { status: 409, title: 'This conflicts with the current state.' },
  'insufficient-credits': { status: 409, title: 'The support credits do not cover this.' },
  'email-taken': { status: 409, title: 'This e-mail address is already in use.' },
  'payload-too-large': { status: 413, title: 'The request is too large.' },
  'uri-too-long': { status: 414, title: 'The address is too long.' },
  'unsupported-media-type': { status: 415, title: 'This type of content is not accepted.' },
  'range-not-satisfiable': { status: 416, title: 'The requested range is not in the file.' },
  unprocessable: { status: 422, title: 'The request cannot be carried out.' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key belongs to another request.' },
  'account-locked': { status: 423, title: 'This account is blocked after too many failed log-ins.' },
  'rate-limited': { status: 429, title: 'Too many requests. Try again later.' },
  internal: { status: 500, title: 'Something went wrong on our side.' },
  unavailable: { status: 503, title: 'The service is not ready.' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(detail ?? errorCodes[code].title);
    this.name = 'AppError';
    this.status = errorCodes[code].status;
  }
}

export const notFound = (what = 'This item') => new AppError('not-found', `${what} does not exist.`);
export const forbidden = (detail?: string) => new AppError('forbidden', detail);

/** A validation error on one or more fields, as a use case (not only the schema) can find it. */
export function invalid(fieldErrors: FieldError[] | FieldError, detail?: string): AppError {
  const list = Array.isArray(fieldErrors) ? fieldErrors : [fieldErrors];
  return new AppError('validation-failed', detail ?? list.map((f) => `${f.field}: ${f.message}`).join('; '), list);
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
}

export function toProblem(err: AppError, instance?: string): Problem {
  const p: Problem = {
    type: `/problems/${err.code}`,
    title: errorCodes[err.code].title,
    status: err.status,
    code: err.code,
  };
  if (err.detail) p.detail = err.detail;
  if (instance) p.instance = instance;
  if (err.fieldErrors.length) p.errors = err.fieldErrors;
  return p;
}

/** Is this a PostgreSQL unique-violation on the named constraint or index? */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return !!e && e.code === '23505' && (!constraint || e.constraint === constraint);
}
