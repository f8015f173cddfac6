import { useState } from 'react';
import { fieldError } from '../api/client';

/**
 * The server's per-field errors of the last attempt, each cleared as soon as its field is changed,
 * so that an error the person has already fixed does not stay on screen until the next submit.
 */
export function useFieldErrors(error: unknown) {
  const [state, setState] = useState<{ error: unknown; touched: Set<string> }>({ error, touched: new Set() });
  const current = state.error === error ? state : { error, touched: new Set<string>() };
  if (current !== state) setState(current);
  return {
    errorFor: (field: string) => (current.touched.has(field) ? undefined : fieldError(error, field)),
    touch: (field: string) => {
      if (!current.touched.has(field) && fieldError(error, field))
        setState({ error, touched: new Set(current.touched).add(field) });
    },
  };
}
