import type { z } from 'zod';
import { invalid } from './errors.js';

/**
 * Validates data that did not pass through a route schema (the text fields of a multipart body)
 * with the same zod schema, and reports problems per field like the route schemas do.
 */
export function parseFields<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw invalid(r.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
}
