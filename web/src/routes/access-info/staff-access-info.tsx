import { Alert, Button, Card, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { protocolLabels, revealAccessInfo, useStaffAccessInfo } from '../../api/access-info';
import type { StaffTicketDetail } from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { Time } from '../../components/time';
import { formatDateTime } from '../../format';

/**
 * T-18: the staff side panel. Anyone working tickets sees that access info was left; only the
 * ticket's assignee and its department's head reveal it, by an explicit action the server audits.
 * The decrypted fields live in this component's state only (never in the query cache).
 */
export function StaffAccessInfoPanel({ ticket: t }: { ticket: StaffTicketDetail }) {
  const number = String(t.number);
  const info = useStaffAccessInfo(number, t.assignee?.id ?? null);
  const reveal = useMutation({ mutationFn: () => revealAccessInfo(number) });
  const v = info.data;
  if (!v || (!v.held && !v.erased)) return info.error ? <ErrorAlert error={info.error} /> : null;
  const shown = reveal.data;
  return (
    <Card withBorder data-testid="staff-access-info">
      <Stack gap="xs">
        <Group gap="xs">
          <IconLock size={18} aria-hidden />
          <Title order={2} size="h5">
            Access info
          </Title>
        </Group>
        {!v.held && v.erased && (
          <Text size="sm">
            {v.erased.reason === 'retention'
              ? `Erased automatically on ${formatDateTime(v.erased.at)}.`
              : `Erased by the customer (${v.erased.by}) on ${formatDateTime(v.erased.at)}.`}
          </Text>
        )}
        {v.held && (
          <Text size="sm">
            {protocolLabels[v.held.protocol]} access left by {v.held.postedBy} <Time value={v.held.postedAt} />
          </Text>
        )}
        {v.held && !v.mayReveal && (
          <Alert color="gray" data-testid="access-info-assign-first">
            Access info was left — assign the ticket to yourself to view it.
          </Alert>
        )}
        {v.held && v.mayReveal && !shown && (
          <>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconEye size={16} aria-hidden />}
              loading={reveal.isPending}
              onClick={() => reveal.mutate()}
            >
              Show access info
            </Button>
            <Text size="xs" c="dimmed">
              Every view is recorded in the audit log with your name.
            </Text>
          </>
        )}
        {reveal.error ? <ErrorAlert error={reveal.error} /> : null}
        {v.held && v.mayReveal && shown && (
          <Stack gap={6} data-testid="access-info-revealed">
            <Secret label="Host" value={shown.host} />
            {shown.port !== null && <Secret label="Port" value={String(shown.port)} />}
            {shown.username && <Secret label="User" value={shown.username} />}
            {shown.password && <Secret label="Password" value={shown.password} />}
            {shown.privateKey && <Secret label="Private key" value={shown.privateKey} block />}
            {shown.notes && <Secret label="Notes" value={shown.notes} block />}
            <Button size="xs" variant="default" onClick={() => reveal.reset()}>
              Hide access info
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function Secret({ label, value, block = false }: { label: string; value: string; block?: boolean }) {
  return (
    <Stack gap={2}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" fw={500}>
          {label}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="subtle" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block={block} style={{ wordBreak: 'break-all', whiteSpace: block ? 'pre-wrap' : undefined }}>
        {value}
      </Code>
    </Stack>
  );
}
