import { PageTitle } from '../../components/page-title';
import { Button, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { accountKeys, updateCompany, useCompany } from '../../api/accounts';
import { authKeys, type Me } from '../../api/auth';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { required, useFormErrors } from '../../components/use-field-errors';

/** everyone sees the company profile; only the primary edits it. */
export function CompanyPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const editable = can(me, 'company.manage');
  const { data: company } = useCompany();
  const [form, setForm] = useState({ name: '', address: '', phone: '', taxId: '', billingEmail: '' });
  useEffect(() => {
    if (company)
      setForm({
        name: company.name,
        address: company.address,
        phone: company.phone,
        taxId: company.taxId,
        billingEmail: company.billingEmail,
      });
  }, [company]);
  const save = useMutation({
    mutationFn: () => updateCompany(form),
    onSuccess: (c) => {
      qc.setQueryData(accountKeys.company, c);
      qc.invalidateQueries({ queryKey: authKeys.me });
      notifications.show({ message: 'The company profile was saved.' });
    },
  });
  const errors = useFormErrors(save.error);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    errors.touch(key);
    setForm({ ...form, [key]: e.currentTarget.value });
  };
  return (
    <Stack maw={640}>
      <PageTitle>Company</PageTitle>
      {!editable && (
        <Text c="dimmed" size="sm">
          Only the company owner (primary profile) can change these details.
        </Text>
      )}
      <Paper withBorder p="md">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (errors.validate({ name: required(form.name, 'Enter the company name.') })) save.mutate();
          }}
        >
          <Stack>
            <ErrorAlert
              error={errors.hasClientErrors ? null : save.error}
              fields={['name', 'address', 'phone', 'taxId', 'billingEmail']}
            />
            <TextInput
              label="Company name"
              readOnly={!editable}
              value={form.name}
              error={errors.errorFor('name')}
              onChange={set('name')}
            />
            <Textarea
              label="Address"
              readOnly={!editable}
              autosize
              minRows={2}
              value={form.address}
              error={errors.errorFor('address')}
              onChange={set('address')}
            />
            <TextInput
              label="Phone"
              readOnly={!editable}
              value={form.phone}
              error={errors.errorFor('phone')}
              onChange={set('phone')}
            />
            <TextInput
              label="Tax ID"
              readOnly={!editable}
              value={form.taxId}
              error={errors.errorFor('taxId')}
              onChange={set('taxId')}
            />
            <TextInput
              label="Billing e-mail"
              readOnly={!editable}
              value={form.billingEmail}
              error={errors.errorFor('billingEmail')}
              onChange={set('billingEmail')}
            />
            {editable && (
              <Button type="submit" loading={save.isPending} w="fit-content">
                Save company
              </Button>
            )}
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
