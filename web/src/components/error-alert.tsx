import { Alert, List } from '@mantine/core';
import { ApiError, errorMessage } from '../api/client';

/** The banner's line when every field error is shown next to its input: the banner does not repeat them. */
export const correctMarkedFields = 'Please correct the marked fields.';

/**
 * A failed request, above a form or a page, in plain words that say what to do (errorMessage).
 * `fields` names the fields the form shows next to their inputs: their messages are not repeated
 * here ("Please correct the marked fields." instead); messages of other fields are listed.
 */
export function ErrorAlert({ error, fields }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(error)}
      </Alert>
    );
  }
  const fieldErrors = error.problem.errors ?? [];
  const unshown = fieldErrors.filter((e) => !fields?.includes(e.field));
  if (fieldErrors.length > 0 && unshown.length === 0) {
    return (
      <Alert color="red" role="alert">
        {correctMarkedFields}
      </Alert>
    );
  }
  const validation = error.problem.code === 'validation-failed';
  return (
    <Alert color="red" role="alert" title={validation && unshown.length ? 'Please correct these entries' : undefined}>
      {!validation && errorMessage(error)}
      {unshown.length > 0 && (
        <List size="sm">
          {unshown.map((e) => (
            <List.Item key={`${e.field}:${e.message}`}>{e.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
