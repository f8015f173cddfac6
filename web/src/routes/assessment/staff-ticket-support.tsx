import {
  Alert,
  Autocomplete,
  Button,
  Card,
  Divider,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  assessmentKeys,
  assessTicket,
  type NewAssessment,
  planLabels,
  type StaffTicketSupport,
  useAssessmentQuote,
  useStaffTicketSupport,
} from '../../api/assessment';
import { errorMessage } from '../../api/client';
import { useCreateMutation } from '../../api/create-mutation';
import { ErrorAlert } from '../../components/error-alert';
import { useFormErrors } from '../../components/use-field-errors';
import { formatDateTime } from '../../format';
import { AssessmentHistory, assessmentSummary } from './assessment-history';

/** S-2…S-4: the staff ticket page's support card: plan, balance, VIP allowances, assess / re-assess, history. */
export function StaffTicketSupportCard({ number }: { number: string }) {
  const support = useStaffTicketSupport(number);
  const s = support.data;
  if (support.error)
    return (
      <Card withBorder>
        <ErrorAlert error={support.error} />
      </Card>
    );
  if (!s) return null;
  const closed = s.ticket.status === 'closed';
  return (
    <Card withBorder data-testid="staff-ticket-support">
      <Stack gap="xs">
        <Title order={2} size="h5">
          Support
        </Title>
        <PlanLines s={s} />
        {s.pending && (
          <Alert color="yellow" variant="light" data-testid="assessment-pending">
            Waiting for the customer to agree: {assessmentSummary(s.pending)} ({s.pending.due} credits to charge)
            {s.shortBy > 0 && `; the company is ${s.shortBy} credits short`}.
          </Alert>
        )}
        {closed ? (
          <Text size="sm" c="dimmed">
            The ticket is closed: re-open it to assess it.
          </Text>
        ) : (
          <AssessForm number={number} s={s} />
        )}
        {s.assessments.length > 0 && <Divider />}
        <AssessmentHistory items={s.assessments} />
      </Stack>
    </Card>
  );
}

function PlanLines({ s }: { s: StaffTicketSupport }) {
  return (
    <Stack gap={2}>
      <Text size="sm" data-testid="support-plan">
        {planLabels[s.plan.kind]}
        {s.plan.until && ` (asked while it lasted, until ${formatDateTime(s.plan.until)})`}
      </Text>
      <Text size="sm" data-testid="support-balance">
        Balance {s.balance} credits · this ticket {s.netCharged} charged
        {s.preAgreeUpTo !== null && ` · agreed in advance up to ${s.preAgreeUpTo}`}
      </Text>
      {s.vip && (
        <Text size="sm" data-testid="vip-counters">
          Minor modifications {s.vip.modificationsUsed} of {s.vip.modificationsPerMonth} in {s.vip.month} · free upgrade{' '}
          {s.vip.upgradesUsed} of {s.vip.upgradesPerYear} in {s.vip.year}
        </Text>
      )}
    </Stack>
  );
}

function AssessForm({ number, s }: { number: string; s: StaffTicketSupport }) {
  const qc = useQueryClient();
  const [category, setCategory] = useState<string | null>(null);
  const [credits, setCredits] = useState<number | string>('');
  const [fromVersion, setFrom] = useState(s.ticket.version);
  const [toVersion, setTo] = useState(s.versions.find((v) => v.latest)?.version ?? '');
  const [note, setNote] = useState('');
  const info = s.categories.find((c) => String(c.category) === category);
  const body: NewAssessment = {
    category: Number(category ?? 0),
    ...(info?.agentPrice && typeof credits === 'number' ? { credits } : {}),
    ...(info?.upgrade ? { fromVersion, toVersion } : {}),
  };
  const complete =
    !!info &&
    (!info.agentPrice || typeof credits === 'number') &&
    (!info.upgrade || (fromVersion.trim() !== '' && toVersion.trim() !== ''));
  const quote = useAssessmentQuote(number, body, complete);
  const assess = useCreateMutation({
    mutationFn: (_: undefined, key) => assessTicket(number, { ...body, ...(note.trim() ? { note } : {}) }, key),
    onSuccess: (next) => {
      qc.setQueryData(assessmentKeys.staff(number), next);
      notifications.show({ message: next.pending ? 'Assessed: waiting for the customer.' : 'Assessed.' });
      setCategory(null);
      setNote('');
    },
  });
  const form = useFormErrors(assess.error);
  const versions = s.versions.map((v) => v.version);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (
          form.validate({
            category: !info && 'Choose a category.',
            credits: info?.agentPrice && typeof credits !== 'number' && 'Enter the agreed price.',
            toVersion: info?.upgrade && !toVersion.trim() && 'Enter the version it is upgraded to.',
          })
        )
          assess.mutate(undefined);
      }}
    >
      <Stack gap="xs">
        <Select
          label={s.assessments.length ? 'Re-assess as' : 'Assess as'}
          size="xs"
          data={s.categories.map((c) => ({
            value: String(c.category),
            label: `${c.category}. ${c.name}${c.agentPrice ? ` (from ${c.credits})` : c.upgrade ? '' : ` (${c.credits})`}`,
          }))}
          value={category}
          onChange={(v) => {
            form.touch('category');
            setCategory(v);
          }}
          error={form.errorFor('category')}
          allowDeselect={false}
        />
        {info?.agentPrice && (
          <NumberInput
            label="Agreed price (credits)"
            size="xs"
            min={20}
            max={10000}
            allowDecimal={false}
            value={credits}
            onChange={(v) => {
              form.touch('credits');
              setCredits(v);
            }}
            error={form.errorFor('credits')}
          />
        )}
        {info?.upgrade && (
          <Group grow gap="xs">
            <Autocomplete
              label="From version"
              size="xs"
              data={versions}
              value={fromVersion}
              onChange={(v) => {
                form.touch('fromVersion');
                setFrom(v);
              }}
              error={form.errorFor('fromVersion')}
            />
            <Autocomplete
              label="To version"
              size="xs"
              data={versions}
              value={toVersion}
              onChange={(v) => {
                form.touch('toVersion');
                setTo(v);
              }}
              error={form.errorFor('toVersion')}
            />
          </Group>
        )}
        {complete && (
          <Text size="sm" data-testid="assessment-quote" c={quote.error ? 'red' : undefined}>
            {quote.error
              ? errorMessage(quote.error)
              : quote.data
                ? quote.data.coveredBy
                  ? `Free under VIP care (${quote.data.coveredBy === 'vip-upgrade' ? 'the free upgrade of the year' : 'a minor modification of the month'}).`
                  : `${quote.data.credits} credits${quote.data.patchSteps !== null ? ` (${quote.data.patchSteps} patch versions)` : ''}${quote.data.allowanceUsedUp ? ', the VIP allowance is used up' : ''}${quote.data.needsAgreement ? ', after the customer agrees' : ', charged at once'}.`
                : 'Pricing…'}
          </Text>
        )}
        <Textarea
          label="Note to the customer"
          size="xs"
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={form.errorFor('note')}
        />
        {!form.hasClientErrors && (
          <ErrorAlert error={assess.error} fields={['category', 'credits', 'fromVersion', 'toVersion', 'note']} />
        )}
        <Button type="submit" size="xs" loading={assess.isPending}>
          {s.assessments.length ? 'Re-assess' : 'Assess'}
        </Button>
      </Stack>
    </form>
  );
}
