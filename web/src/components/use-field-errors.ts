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

/** A rule of a client-side check: the message when the value fails, else undefined. */
export type Check = string | false | null | undefined;

/** "Enter …" when a text is empty (after trimming): the check of a required field. */
export const required = (value: string | null | undefined, message: string): Check => !value?.trim() && message;

/** A plausible e-mail address (the server checks it fully). */
export const emailCheck = (value: string, message = 'Enter a valid e-mail address.'): Check =>
  (!value.trim() && 'Enter your e-mail address.') || (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) && message);

/**
 * A form's field errors, all shown on the first submit (issue 11): the client's checks (required
 * fields, an address that cannot be one) before anything is sent, then the server's per-field errors
 * of the answer. Both clear on the field's next change. Inputs get `error={errorFor(name)}`, the form
 * `noValidate` so that no browser bubble shows instead.
 *
 * `validate(checks)` returns true when every check passes (send the request), else shows them all.
 */
export function useFormErrors(error: unknown) {
  const server = useFieldErrors(error);
  const [client, setClient] = useState<Record<string, string>>({});
  return {
    errorFor: (field: string) => client[field] ?? server.errorFor(field),
    touch: (field: string) => {
      if (client[field]) setClient((c) => Object.fromEntries(Object.entries(c).filter(([f]) => f !== field)));
      server.touch(field);
    },
    validate: (checks: Record<string, Check>): boolean => {
      const failed = Object.fromEntries(
        Object.entries(checks).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      setClient(failed);
      return Object.keys(failed).length === 0;
    },
    /** True while the client's checks hold a message: the server's answer is not shown then. */
    hasClientErrors: Object.keys(client).length > 0,
  };
}
