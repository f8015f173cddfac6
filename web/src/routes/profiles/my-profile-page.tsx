import { PageTitle } from '../../components/page-title';
import { Avatar, Button, FileButton, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  accountKeys,
  avatarUrl,
  type Profile,
  type ProfileChange,
  removeAvatar as deleteAvatar,
  updateProfile,
  uploadAvatar,
  useProfile,
} from '../../api/accounts';
import { authKeys, type Me } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { TimeZoneSelect } from '../../components/time-zone-select';
import { required, useFormErrors } from '../../components/use-field-errors';
import { PasswordCard, SessionsCard, TokensCard } from './security-cards';

/** one's own contact data, picture, mail switches, password, API tokens and sessions. */
export function MyProfilePage({ me }: { me: Me }) {
  const qc = useQueryClient();
  const { data: profile } = useProfile(me.id);
  const [form, setForm] = useState<{ name: string; phone: string; jobTitle: string; timezone: string | null }>({
    name: '',
    phone: '',
    jobTitle: '',
    timezone: null,
  });
  useEffect(() => {
    if (profile)
      setForm({ name: profile.name, phone: profile.phone, jobTitle: profile.jobTitle, timezone: profile.timezone });
  }, [profile]);
  const refresh = (p: Profile) => {
    qc.setQueryData(accountKeys.profile(me.id), p);
    qc.invalidateQueries({ queryKey: accountKeys.profiles });
    qc.invalidateQueries({ queryKey: authKeys.me });
  };
  const save = useMutation({
    mutationFn: () => updateProfile(me.id, form),
    onSuccess: (p) => {
      refresh(p);
      notifications.show({ message: 'Your profile was saved.' });
    },
  });
  const toggle = useMutation({
    mutationFn: (change: Pick<ProfileChange, 'notifyTickets' | 'newsSecurity' | 'newsProduct'>) =>
      updateProfile(me.id, change),
    onSuccess: refresh,
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  // A new query string after each change (and on each visit) so the browser does not show a cached picture.
  const [avatarVersion, setAvatarVersion] = useState(() => Date.now());
  const upload = useMutation({
    mutationFn: (file: File) => uploadAvatar(me.id, file),
    onSuccess: (p) => {
      refresh(p);
      setAvatarVersion(Date.now());
    },
  });
  const removeAvatar = useMutation({
    mutationFn: () => deleteAvatar(me.id),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: accountKeys.profile(me.id) });
      qc.invalidateQueries({ queryKey: accountKeys.profiles });
      setAvatarVersion(Date.now());
    },
  });
  const errors = useFormErrors(save.error);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    errors.touch(key);
    setForm({ ...form, [key]: e.currentTarget.value });
  };

  return (
    <Stack maw={720}>
      <PageTitle>My profile</PageTitle>
      <Paper withBorder p="md">
        <Group>
          <Avatar
            size={72}
            radius="xl"
            src={profile?.hasAvatar ? avatarUrl(me.id, avatarVersion) : null}
            alt="Your picture"
          >
            {me.name.slice(0, 1)}
          </Avatar>
          <Stack gap={4}>
            <Group gap="xs">
              <FileButton
                onChange={(f) => f && upload.mutate(f)}
                accept="image/png,image/jpeg,image/webp,image/gif"
                inputProps={{ 'aria-label': 'Picture file' }}
              >
                {(props) => (
                  <Button {...props} size="xs" variant="light" loading={upload.isPending}>
                    Upload a picture
                  </Button>
                )}
              </FileButton>
              {profile?.hasAvatar && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={removeAvatar.isPending}
                  onClick={() => removeAvatar.mutate()}
                >
                  Remove
                </Button>
              )}
            </Group>
            <Text size="xs" c={upload.error || removeAvatar.error ? 'red' : 'dimmed'}>
              {upload.error
                ? errorMessage(upload.error)
                : removeAvatar.error
                  ? errorMessage(removeAvatar.error)
                  : 'PNG, JPEG, WebP or GIF, up to 5 MB.'}
            </Text>
          </Stack>
        </Group>
      </Paper>
      <Paper withBorder p="md">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (errors.validate({ name: required(form.name, 'Enter your name.') })) save.mutate();
          }}
        >
          <Stack>
            <Title order={4}>Contact data</Title>
            <Text size="sm" c="dimmed">
              {me.email}
            </Text>
            <ErrorAlert
              error={errors.hasClientErrors ? null : save.error}
              fields={['name', 'phone', 'jobTitle', 'timezone']}
            />
            <TextInput label="Name" required value={form.name} error={errors.errorFor('name')} onChange={set('name')} />
            <TextInput label="Phone" value={form.phone} error={errors.errorFor('phone')} onChange={set('phone')} />
            <TextInput
              label="Job title"
              value={form.jobTitle}
              error={errors.errorFor('jobTitle')}
              onChange={set('jobTitle')}
            />
            <TimeZoneSelect
              value={form.timezone}
              error={errors.errorFor('timezone')}
              onChange={(timezone) => setForm({ ...form, timezone })}
            />
            <Button type="submit" loading={save.isPending} w="fit-content">
              Save
            </Button>
          </Stack>
        </form>
      </Paper>
      {profile && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>E-mail</Title>
            <Switch
              label="E-mail notifications about tickets"
              checked={profile.notifyTickets}
              onChange={(e) => toggle.mutate({ notifyTickets: e.currentTarget.checked })}
            />
            <Text size="sm" fw={500}>
              Newsletters
            </Text>
            <Switch
              label="Security updates and alerts"
              checked={profile.newsSecurity}
              onChange={(e) => toggle.mutate({ newsSecurity: e.currentTarget.checked })}
            />
            <Switch
              label="Company and product news"
              checked={profile.newsProduct}
              onChange={(e) => toggle.mutate({ newsProduct: e.currentTarget.checked })}
            />
          </Stack>
        </Paper>
      )}
      <PasswordCard />
      <TokensCard />
      <SessionsCard />
    </Stack>
  );
}
