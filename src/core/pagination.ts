import { z } from 'zod';
import { AppError } from './errors.js';

/**
 * The `cursor` of a keyset-paginated list: the nextCursor of the page before, base64url as
 * encodeCursor makes it. Its shape is checked here (and so stated in the OpenAPI document), its
 * content by decodeCursor.
 */
export const cursorParam = z
  .string()
  .max(500)
  .regex(/^[A-Za-z0-9_-]+$/, 'Invalid cursor')
  .describe('The nextCursor of the previous page, as it was given (base64url).');

/** Query parameters of every keyset-paginated list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorParam.optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encodes the sort key of the last row so the next page starts after it. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What each value of a cursor must be; anything else is refused before it reaches a query. */
export type CursorPart = 'string' | 'number' | 'int' | 'bigint' | 'time' | 'time-or-infinity' | 'uuid';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isTime = (x: unknown) =>
  typeof x === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(x) && !Number.isNaN(new Date(x).getTime());
const partOk: Record<CursorPart, (x: unknown) => boolean> = {
  string: (x) => typeof x === 'string',
  number: (x) => typeof x === 'number' && Number.isFinite(x),
  int: (x) => typeof x === 'number' && Number.isInteger(x) && Math.abs(x) < 32768,
  bigint: (x) =>
    (typeof x === 'string' && /^\d{1,18}$/.test(x)) || (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0),
  time: isTime,
  'time-or-infinity': (x) => x === 'infinity' || isTime(x),
  uuid: (x) => typeof x === 'string' && uuidPattern.test(x),
};

/** The values of a cursor made by encodeCursor, each checked against `shape` (a 400 otherwise, never a database error). */
export function decodeCursor(cursor: string, shape: CursorPart[]): (string | number)[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === shape.length && v.every((x, i) => partOk[shape[i] as CursorPart](x))) {
      return v;
    }
  } catch {
    /* fall through */
  }
  throw new AppError('validation-failed', 'The cursor is not valid.', [{ field: 'cursor', message: 'Invalid cursor' }]);
}

/** Takes limit+1 rows, returns the page and the cursor of its last row when there is more. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  present: (r: R) => T,
  key: (r: R) => (string | number)[],
): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(present), nextCursor: more && last ? encodeCursor(key(last)) : null };
}
