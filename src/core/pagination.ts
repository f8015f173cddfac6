import { z } from 'zod';
import { AppError } from './errors.js';

/** Query parameters of every keyset-paginated list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Encodes the sort key of the last row so the next page starts after it. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === arity && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
      return v;
    }
  } catch {
    /* fall through */
  }
  throw new AppError('validation-failed', 'The cursor is not valid.', [{ field: 'cursor', message: 'Invalid cursor' }]);
}

/** Takes limit+1 rows, returns the page and the cursor of its last row when there is more. */
export function toPage<R, T>(rows: R[], limit: number, present: (r: R) => T, key: (r: R) => (string | number)[]): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(present), nextCursor: more && last ? encodeCursor(key(last)) : null };
}
