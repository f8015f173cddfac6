import { Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { authKeys, type Me } from '../../api/auth';
import { updateOwnStaffSettings, useOwnStaffUser } from '../../api/staff';
import { ErrorAlert } from '../../components/error-alert';
import { PageTitle } from '../../components/page-title';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { useFormErrors } from '../../components/use-field-errors';
import { roleLabels } from '../../labels';
import { PasswordCard, SessionsCard, TokensCard } from '../profiles/security-cards';

/**
 * A staff user's own settings: name, e-mail and role as the admin set them (read-only, A-10), the
 * time zone every time of the console is shown in (issue 11), password, API tokens and sessions.
 */
export function MySettingsPage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const own = useOwnStaffUser();
  const [timezone, setTimezone] = useState<string | null>(me.timeZone);
  useEffect(() => {
    if (own.data) setTimezone(own.data.timezone);
  }, [own.data]);
  const save = useMutation({
    mutationFn: () => updateOwnStaffSettings({ timezone }),
    onSuccess: (u) => {
      qc.setQueryData(['staff-me'], u);
      qc.invalidateQueries({ queryKey: authKeys.me });
      notifications.show({ message: 'Your settings were saved.' });
    },
  });
  const errors = useFormErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Stack maw={720}>
      <PageTitle>My settings</PageTitle>
      <Paper withBorder p="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={save.error} fields={['timezone']} />
            <TextInput label="Name" value={me.name} readOnly />
            <TextInput label="E-mail" value={me.email} readOnly />
            <TextInput label="Role" value={roleLabels[me.role] ?? me.role} readOnly />
            <Text size="sm" c="dimmed">
              An administrator changes your name, e-mail and role.
            </Text>
            <TimeZoneSelect
              value={timezone}
              error={errors.errorFor('timezone')}
              onChange={(zone) => {
                errors.touch('timezone');
                setTimezone(zone);
              }}
            />
            <Button type="submit" loading={save.isPending} w="fit-content">
              Save
            </Button>
          </Stack>
        </form>
      </Paper>
      <PasswordCard />
      <TokensCard />
      <SessionsCard />
    </Stack>
  );
}
