import { Alert, List } from '@mantine/core';
import { ApiError, errorMessage } from '../api/client';

/**
 * A failed request, above a form or a page: the problem's title, its detail when the detail adds
 * something, and the per-field messages of fields the form does not show (`fields` names those it
 * shows next to their inputs).
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
  const { problem } = error;
  const fieldErrors = problem.errors ?? [];
  const unshown = fieldErrors.filter((e) => !fields?.includes(e.field));
  const detail = fieldErrors.length || problem.detail === problem.title ? undefined : problem.detail;
  return (
    <Alert color="red" role="alert" title={detail || unshown.length ? problem.title : undefined}>
      {detail ?? (unshown.length ? null : problem.title)}
      {unshown.length > 0 && (
        <List size="sm">
          {unshown.map((e) => (
            <List.Item key={`${e.field}:${e.message}`}>{e.field ? `${e.field}: ${e.message}` : e.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
