import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { resendConfirmation } from '../../api/auth';
import { ErrorAlert } from '../../components/error-alert';

/**
 * "send the link again" for a sign-up whose address is not confirmed. The server answers the
 * same whatever the address, so the text says what happens if the address is waiting for a link.
 */
export function ResendConfirmation({ email }: { email: string }) {
  const resend = useMutation({ mutationFn: () => resendConfirmation(email) });
  if (resend.isSuccess) {
    return (
      <Alert color="green" role="status">
        If {email} is waiting to be confirmed, a new link is on its way. It works once, within 48 hours.
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      <ErrorAlert error={resend.error} />
      <Text size="sm" c="dimmed">
        No mail? Look in your spam folder, or have the link sent again.
      </Text>
      <Button variant="light" onClick={() => resend.mutate()} loading={resend.isPending} disabled={!email}>
        Send the link again
      </Button>
    </Stack>
  );
}
