import { Button, Card, NumberInput, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fieldError } from '../../api/client';
import { saveSlaTargets, serviceLevelKeys, type SlaTargets, useSlaTargets } from '../../api/service-levels';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { useIsPhone } from '../../components/responsive';
import { businessSpan } from './sla-clock';

const rows: { label: string; first: keyof SlaTargets; next: keyof SlaTargets; note: string }[] = [
  { label: 'HotRush', first: 'hotrushFirst', next: 'hotrushNext', note: 'T-12: 2 business hours' },
  { label: 'VIP', first: 'vipFirst', next: 'vipNext', note: 'S-4: 12 business hours' },
  { label: 'Major', first: 'majorFirst', next: 'majorNext', note: 'T-10' },
  { label: 'Normal', first: 'normalFirst', next: 'normalNext', note: 'T-10' },
  { label: 'Minor', first: 'minorFirst', next: 'minorNext', note: 'T-10: 24 business hours' },
];

/**
 * S-5 / S-6: the response targets in business minutes (counted in the support hours) and the warning
 * lead. Each target that applies to a ticket counts and the tightest wins.
 */
export function SlaTargetsPage() {
  const targets = useSlaTargets();
  return (
    <Stack>
      <PageTitle>SLA targets</PageTitle>
      <Text c="dimmed" size="sm">
        Response targets in business minutes, counted in the support hours only. A ticket gets every target that applies
        to it (HotRush, VIP, its priority) and the tightest one wins. The clock pauses while the ticket waits on the
        customer or on a credit agreement. New values apply from each ticket's next change.
      </Text>
      <ErrorAlert error={targets.error} />
      {targets.isPending && <Skeleton h={320} />}
      {targets.data && <TargetsForm initial={targets.data} />}
    </Stack>
  );
}

function TargetsForm({ initial }: { initial: SlaTargets }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<SlaTargets>(initial);
  const phone = useIsPhone();
  const save = useMutation({
    mutationFn: () => saveSlaTargets(form),
    onSuccess: (saved) => {
      qc.setQueryData(serviceLevelKeys.targets, saved);
      notifications.show({ message: 'SLA targets saved.' });
    },
  });
  const field = (key: keyof SlaTargets, label: string) => (
    <NumberInput
      label={label}
      size="xs"
      min={key === 'warningLead' ? 0 : 1}
      max={100000}
      allowDecimal={false}
      allowNegative={false}
      value={form[key]}
      onChange={(v) => setForm({ ...form, [key]: typeof v === 'number' ? v : Number(v) })}
      description={`${businessSpan(form[key])} of business time`}
      error={fieldError(save.error, key)}
    />
  );
  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={save.error} fields={Object.keys(initial)} />
          {!phone && (
            <Table withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ticket</Table.Th>
                  <Table.Th>First response (minutes)</Table.Th>
                  <Table.Th>Next response (minutes)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.label}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {r.label}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.note}
                      </Text>
                    </Table.Td>
                    <Table.Td>{field(r.first, `${r.label} first response`)}</Table.Td>
                    <Table.Td>{field(r.next, `${r.label} next response`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {phone && (
            <Stack gap="xs">
              {rows.map((r) => (
                <Card key={r.label} withBorder padding="sm">
                  <Title order={2} size="h6">
                    {r.label}
                  </Title>
                  <SimpleGrid cols={2}>
                    {field(r.first, 'First response')}
                    {field(r.next, 'Next response')}
                  </SimpleGrid>
                </Card>
              ))}
            </Stack>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {field('warningLead', 'Warning lead (minutes before the due; 0: none)')}
          </SimpleGrid>
          <div>
            <Button type="submit" loading={save.isPending}>
              Save targets
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
