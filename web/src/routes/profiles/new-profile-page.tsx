import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import { Button, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { accountKeys, createProfile } from '../../api/accounts';
import { ErrorAlert } from '../../components/error-alert';
import { OwnerOnly } from '../../components/owner-only';
import { useFormErrors } from '../../components/use-field-errors';
import {
  emptyProfileForm,
  personBody,
  profileChecks,
  profileFieldNames,
  ProfileFields,
  type ProfileForm,
} from './profile-fields';

export function NewProfilePage() {
  const [form, setForm] = useState<ProfileForm>({ ...emptyProfileForm });
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useCreateMutation({
    mutationFn: (_: void, key) => createProfile({ ...personBody(form), role: form.role }, key),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: accountKeys.profiles });
      notifications.show({ message: form.password ? `${p.name} can log in now.` : `${p.name} was invited by e-mail.` });
      navigate('/profiles');
    },
  });
  const errors = useFormErrors(create.error);
  return (
    <Stack maw={560}>
      <PageTitle>New account</PageTitle>
      <OwnerOnly permission="profiles.manage" action="add accounts to the company">
        <Paper withBorder p="md">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (errors.validate(profileChecks(form))) create.mutate();
            }}
          >
            <Stack>
              <ErrorAlert error={errors.hasClientErrors ? null : create.error} fields={profileFieldNames} />
              <ProfileFields form={form} onChange={setForm} errors={errors} />
              <Button type="submit" loading={create.isPending}>
                Create account
              </Button>
            </Stack>
          </form>
        </Paper>
      </OwnerOnly>
    </Stack>
  );
}
