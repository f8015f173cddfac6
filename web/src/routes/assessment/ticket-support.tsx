import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import {
  agreeToAssessment,
  assessmentKeys,
  declineAssessment,
  planLabels,
  type TicketSupport,
  useTicketSupport,
} from '../../api/assessment';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { AssessmentHistory, assessmentSummary } from './assessment-history';

/**
 * S-2…S-4: the customer's ticket page card: the plan the question was asked under, the balance, an
 * assessment waiting for Agree / Decline (with the buy-credits hint when the balance is short), the
 * history. Shown for tech-support tickets and for any ticket that was assessed.
 */
export function TicketSupportCard({ ticket }: { ticket: { number: string | number; type: { key: string } } }) {
  const number = String(ticket.number);
  const support = useTicketSupport(number);
  const s = support.data;
  if (!s || (ticket.type.key !== 'tech' && s.assessments.length === 0)) return null;
  return (
    <Card withBorder data-testid="ticket-support">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Support for this ticket
        </Title>
        <Text size="sm" data-testid="support-plan">
          {planLabels[s.plan.kind]}
          {s.plan.kind === 'period' &&
            s.plan.until &&
            ` (asked while it lasted, until ${formatDateTime(s.plan.until)})`}
          {s.plan.kind === 'vip' && s.plan.until && ` until ${formatDateTime(s.plan.until)}`}
          {' · '}
          <span data-testid="support-balance">Your balance: {s.balance} credits</span>
          {s.netCharged > 0 && ` · this ticket: ${s.netCharged} credits`}
          {s.preAgreeUpTo !== null && ` · agreed in advance up to ${s.preAgreeUpTo}`}
        </Text>
        {s.vip && (
          <Text size="sm" data-testid="vip-counters">
            Minor modifications used in {s.vip.month}: {s.vip.modificationsUsed} of {s.vip.modificationsPerMonth} · free
            upgrade in {s.vip.year}: {s.vip.upgradesUsed} of {s.vip.upgradesPerYear}
          </Text>
        )}
        {s.pending && <PendingAssessment number={number} s={s} pending={s.pending} />}
        <AssessmentHistory items={s.assessments.filter((a) => a.state !== 'pending')} />
      </Stack>
    </Card>
  );
}

function PendingAssessment({
  number,
  s,
  pending,
}: {
  number: string;
  s: TicketSupport;
  pending: NonNullable<TicketSupport['pending']>;
}) {
  const qc = useQueryClient();
  const done = (next: TicketSupport, message: string) => {
    qc.setQueryData(assessmentKeys.customer(number), next);
    notifications.show({ message });
  };
  const agree = useMutation({
    mutationFn: () => agreeToAssessment(number, pending.id),
    onSuccess: (next) => done(next, `Agreed: ${pending.due} credits were charged.`),
  });
  const decline = useMutation({
    mutationFn: () => declineAssessment(number, pending.id),
    onSuccess: (next) => done(next, 'Declined: nothing was charged.'),
  });
  return (
    <Alert color="yellow" variant="light" title="Your agreement is needed" data-testid="assessment-pending">
      <Stack gap="xs">
        <Text size="sm">
          Our specialist assessed this ticket: {pending.categoryName} — {assessmentSummary(pending)}.
          {pending.due !== pending.credits && ` ${pending.credits - pending.due} credits were charged before;`} agreeing
          charges <strong>{pending.due} credits</strong>.
        </Text>
        {pending.note && <Text size="sm">{pending.note}</Text>}
        {s.buyCreditsHint && (
          <Text size="sm" data-testid="buy-credits-hint">
            Your balance is {s.shortBy} credits short. {s.buyCreditsHint}{' '}
            <Anchor component={Link} to="/tickets/new">
              Ask Sales
            </Anchor>
          </Text>
        )}
        <ErrorAlert error={agree.error ?? decline.error} />
        <Group gap="xs">
          <Confirm
            title="Agree to the assessment"
            confirmLabel={`Agree and pay ${pending.due} credits`}
            onConfirm={() => agree.mutate()}
            trigger={(open) => (
              <Button size="xs" onClick={open} loading={agree.isPending}>
                Agree
              </Button>
            )}
          >
            {pending.due} credits will be charged from your balance of {s.balance} credits.
          </Confirm>
          <Confirm
            title="Decline the assessment"
            confirmLabel="Decline"
            color="red"
            onConfirm={() => decline.mutate()}
            trigger={(open) => (
              <Button size="xs" variant="default" onClick={open} loading={decline.isPending}>
                Decline
              </Button>
            )}
          >
            Nothing will be charged. The ticket will be answered only as a functionality or set-up question (category 1)
            allows.
          </Confirm>
        </Group>
      </Stack>
    </Alert>
  );
}
