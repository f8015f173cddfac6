import { Alert } from '@mantine/core';
import { errorMessage } from '../api/client';

/** The detail of a failed request, above a form. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert color="red" title="Could not save" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
