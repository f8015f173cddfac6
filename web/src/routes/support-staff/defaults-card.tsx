import { Button, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type SupportDefaults, saveSupportDefaults, supportKeys } from '../../api/support';
import { ErrorAlert } from '../../components/error-alert';
import { useFormErrors } from '../../components/use-field-errors';

const fields: { name: keyof SupportDefaults; label: string; description: string }[] = [
  { name: 'firstLicenseCredits', label: 'First license', description: 'Credits of a company’s first license.' },
  { name: 'additionalLicenseCredits', label: 'Additional license', description: 'Credits of each further license.' },
  {
    name: 'additionalStorefrontCredits',
    label: 'Additional storefront',
    description: 'Credits of each storefront module.',
  },
  { name: 'vipDays', label: 'VIP care days', description: 'How long VIP care bought with a license lasts.' },
  {
    name: 'vipModificationsPerMonth',
    label: 'VIP minor modifications a month',
    description: 'Free minor modifications per calendar month.',
  },
];

/** S-2, S-4: the credits new licenses bring and the VIP numbers; licenses issued later use them. */
export function DefaultsCard({ defaults }: { defaults: SupportDefaults }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<Record<keyof SupportDefaults, number | string>>(defaults);
  const save = useMutation({
    mutationFn: () =>
      saveSupportDefaults(
        Object.fromEntries(
          fields.map((f) => [f.name, typeof form[f.name] === 'number' ? form[f.name] : Number.NaN]),
        ) as SupportDefaults,
      ),
    onSuccess: (s) => {
      qc.setQueryData(supportKeys.settings, s);
      notifications.show({ message: 'The support defaults were saved.' });
    },
  });
  const errors = useFormErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = errors.validate(
      Object.fromEntries(fields.map((f) => [f.name, form[f.name] === '' && 'Enter a number.'])),
    );
    if (ok) save.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">
            Credits and VIP care
          </Title>
          <Text size="sm" c="dimmed">
            What a new license brings. Licenses issued before a change keep what they got.
          </Text>
          <ErrorAlert error={errors.hasClientErrors ? null : save.error} fields={fields.map((f) => f.name)} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {fields.map((f) => (
              <NumberInput
                key={f.name}
                label={f.label}
                description={f.description}
                allowDecimal={false}
                allowNegative={false}
                value={form[f.name]}
                onChange={(v) => {
                  errors.touch(f.name);
                  setForm({ ...form, [f.name]: v });
                }}
                error={errors.errorFor(f.name)}
              />
            ))}
          </SimpleGrid>
          <Button type="submit" loading={save.isPending} w="fit-content">
            Save defaults
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
