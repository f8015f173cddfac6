import type { z } from 'zod';
import { invalid } from './errors.js';

/**
 * Validates data that did not pass through a route schema (the text fields of a multipart body)
 * with the same zod schema, and reports problems per field like the route schemas do.
 */
export function parseFields<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  throw invalid(
    r.error.issues.flatMap((i) => {
      const base = i.path.join('.');
      // Same wording as the route schemas: each unknown field by its name.
      if (i.code === 'unrecognized_keys')
        return i.keys.map((k) => ({
          field: base ? `${base}.${k}` : k,
          message: 'Unknown field; it is not accepted here.',
        }));
      return [{ field: base || 'body', message: i.message }];
    }),
  );
}
