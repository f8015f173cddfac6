import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { answerTransfer, licenseKeys, useLicenseTransfers } from '../../api/licenses';

/** L-7: transfer requests waiting for this company's answer, and its own open requests. */
export function IncomingTransfers() {
  const qc = useQueryClient();
  const { data } = useLicenseTransfers();
  const act = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'accept' | 'decline' | 'cancel' }) => answerTransfer(id, verb),
    onSuccess: (t) => {
      qc.invalidateQueries({ queryKey: licenseKeys.all });
      qc.invalidateQueries({ queryKey: licenseKeys.transfers });
      notifications.show({ message: `Transfer of ${t.licenseKey}: ${t.state}.` });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const open = (data?.items ?? []).filter((t) => t.state === 'requested');
  if (open.length === 0) return null;
  return (
    <Stack gap="xs">
      {open.map((t) => (
        <Alert key={t.id} color={t.direction === 'incoming' ? 'blue' : 'gray'} data-testid="transfer-request">
          <Group justify="space-between">
            <Text size="sm">
              {t.direction === 'incoming'
                ? `${t.fromCompany} transfers license ${t.licenseKey} to your company.`
                : `You asked to transfer ${t.licenseKey} to ${t.toCompany ?? t.toEmail}${t.newCustomer ? ' (new customer, waiting for approval)' : ''}.`}
            </Text>
            <Group gap="xs">
              {t.direction === 'incoming' ? (
                <>
                  <Button size="xs" onClick={() => act.mutate({ id: t.id, verb: 'accept' })}>
                    Accept transfer
                  </Button>
                  <Button size="xs" variant="default" onClick={() => act.mutate({ id: t.id, verb: 'decline' })}>
                    Decline
                  </Button>
                </>
              ) : (
                <Button size="xs" variant="default" onClick={() => act.mutate({ id: t.id, verb: 'cancel' })}>
                  Cancel transfer
                </Button>
              )}
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
