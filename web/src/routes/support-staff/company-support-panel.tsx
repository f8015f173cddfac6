import {
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Me } from '../../api/auth';
import { useCreateMutation } from '../../api/create-mutation';
import {
  type LicensePlan,
  postCompanyCredits,
  setLicenseSupport,
  supportKeys,
  useCompanySupport,
} from '../../api/support';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { useFormErrors } from '../../components/use-field-errors';
import { CreditLedger } from '../support/credit-ledger';
import { LicensePlans } from '../support/license-plans';
import { endOfDay, lastDay } from './day-instant';

/**
 * Staff: a company's support on its detail page (S-1…S-4): the balance, each license's plan, the
 * ledger; with staff.support.credits also grant / adjust credits and set a license's period or VIP care.
 */
export function CompanySupportPanel({ me, companyId }: { me: Me; companyId: string }) {
  const support = useCompanySupport(companyId);
  const [crediting, setCrediting] = useState(false);
  const [editing, setEditing] = useState<LicensePlan | null>(null);
  const manage = can(me, 'staff.support.credits');
  const first = support.data?.pages[0];
  return (
    <Paper withBorder p="md" data-testid="company-support">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            Support
          </Title>
          {manage && (
            <Button size="xs" onClick={() => setCrediting(true)}>
              Grant or adjust credits
            </Button>
          )}
        </Group>
        <ErrorAlert error={support.error} />
        {first && (
          <>
            <Text>
              Support credits:{' '}
              <Text span fw={700} data-testid="company-credit-balance">
                {first.balance}
              </Text>
            </Text>
            <LicensePlans
              licenses={first.licenses}
              action={
                manage
                  ? (l) => (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setEditing(l)}
                        aria-label={`Edit the plan of ${l.key}`}
                      >
                        Edit plan
                      </Button>
                    )
                  : undefined
              }
            />
            <Title order={3} size="h5">
              Credit history
            </Title>
            <CreditLedger
              entries={(support.data?.pages ?? []).flatMap((p) => p.credits.items)}
              ticketPath={(n) => `/staff/tickets/${n}`}
              hasMore={support.hasNextPage}
              loadingMore={support.isFetchingNextPage}
              onMore={() => support.fetchNextPage()}
            />
          </>
        )}
      </Stack>
      {crediting && <CreditsModal companyId={companyId} onClose={() => setCrediting(false)} />}
      {editing && <PlanModal companyId={companyId} license={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}

function CreditsModal({ companyId, onClose }: { companyId: string; onClose: () => void }) {
  const qc = useQueryClient();
  const [kind, setKind] = useState<'grant' | 'adjust'>('grant');
  const [credits, setCredits] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const post = useCreateMutation({
    mutationFn: (_: undefined, key) =>
      postCompanyCredits(companyId, { kind, credits: typeof credits === 'number' ? credits : Number.NaN, reason }, key),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: supportKeys.company(companyId) });
      notifications.show({ message: `Done: the balance is now ${r.balance} credits.` });
      onClose();
    },
  });
  const errors = useFormErrors(post.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = errors.validate({
      credits:
        (credits === '' && 'Enter a number of credits.') ||
        (kind === 'grant' && Number(credits) <= 0 && 'A grant is a positive number of credits.') ||
        (kind === 'adjust' && Number(credits) === 0 && 'An adjustment is not zero.'),
      reason: !reason.trim() && 'Say why.',
    });
    if (ok) post.mutate(undefined);
  };
  return (
    <Modal opened onClose={onClose} title="Grant or adjust credits">
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={errors.hasClientErrors ? null : post.error} fields={['credits', 'reason', 'kind']} />
          <SegmentedControl
            aria-label="Kind"
            value={kind}
            onChange={(v) => setKind(v as 'grant' | 'adjust')}
            data={[
              { value: 'grant', label: 'Grant' },
              { value: 'adjust', label: 'Adjust' },
            ]}
          />
          <NumberInput
            label="Credits"
            description={
              kind === 'grant' ? 'Credits given to the company.' : 'Negative to take credits away; never below zero.'
            }
            allowDecimal={false}
            allowNegative={kind === 'adjust'}
            value={credits}
            onChange={(v) => {
              errors.touch('credits');
              setCredits(v);
            }}
            error={errors.errorFor('credits')}
          />
          <TextInput
            label="Reason"
            required
            value={reason}
            onChange={(e) => {
              errors.touch('reason');
              setReason(e.currentTarget.value);
            }}
            error={errors.errorFor('reason')}
          />
          <Button type="submit" loading={post.isPending} w="fit-content">
            {kind === 'grant' ? 'Grant credits' : 'Adjust the balance'}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function PlanModal({ companyId, license, onClose }: { companyId: string; license: LicensePlan; onClose: () => void }) {
  const qc = useQueryClient();
  const [periodDay, setPeriodDay] = useState(lastDay(license.periodEndsAt));
  const [vipDay, setVipDay] = useState(lastDay(license.vipUntil));
  const done = () => {
    qc.invalidateQueries({ queryKey: supportKeys.company(companyId) });
    notifications.show({ message: `The plan of ${license.key} was saved.` });
    onClose();
  };
  const save = useMutation({
    mutationFn: (body: Parameters<typeof setLicenseSupport>[1]) => setLicenseSupport(license.key, body),
    onSuccess: done,
  });
  const errors = useFormErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      periodEndsAt: periodDay ? endOfDay(periodDay) : null,
      vipUntil: vipDay ? endOfDay(vipDay) : null,
    });
  };
  return (
    <Modal opened onClose={onClose} title={`Support plan of ${license.key}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{license.product}</Text>
          <ErrorAlert error={save.error} fields={['periodEndsAt', 'vipUntil']} />
          {!license.hasPlan && (
            <Paper withBorder p="sm">
              <Text size="sm">
                This license was issued before support plans: it is credit-based with no credits of its own.
              </Text>
              <Button
                mt="xs"
                size="xs"
                variant="light"
                loading={save.isPending && save.variables?.grant === true}
                onClick={() => save.mutate({ grant: true })}
              >
                Grant its product’s plan
              </Button>
            </Paper>
          )}
          <TextInput
            label="Free support period ends after"
            description="Empty: no free period."
            type="date"
            value={periodDay}
            onChange={(e) => {
              errors.touch('periodEndsAt');
              setPeriodDay(e.currentTarget.value);
            }}
            error={errors.errorFor('periodEndsAt')}
          />
          <TextInput
            label="VIP customer care until"
            description="Empty: no VIP care."
            type="date"
            value={vipDay}
            onChange={(e) => {
              errors.touch('vipUntil');
              setVipDay(e.currentTarget.value);
            }}
            error={errors.errorFor('vipUntil')}
          />
          <Button type="submit" loading={save.isPending && save.variables?.grant !== true} w="fit-content">
            Save
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
