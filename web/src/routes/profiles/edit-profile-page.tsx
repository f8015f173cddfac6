import { PageTitle } from '../../components/page-title';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { accountKeys, type Profile, updateProfile, useProfile } from '../../api/accounts';
import type { Me } from '../../api/auth';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { roleLabels } from '../../labels';
import { ApiError } from '../../api/client';
import { NotFound } from '../../components/not-found';
import { useFormErrors } from '../../components/use-field-errors';
import { emptyProfileForm, profileChecks, ProfileFields, type ProfileForm, profileFieldNames } from './profile-fields';

/** The primary edits another profile of the company; one's own profile is edited on /me. */
export function EditProfilePage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const manage = can(me, 'profiles.manage');
  const self = id === me.id;
  const { data: profile, error } = useProfile(id, { enabled: !self });
  const [form, setForm] = useState<ProfileForm>({ ...emptyProfileForm });
  useEffect(() => {
    if (profile)
      setForm({
        ...emptyProfileForm,
        name: profile.name,
        phone: profile.phone,
        jobTitle: profile.jobTitle,
        // The primary's role is neither shown nor sent.
        role: profile.role === 'primary' ? emptyProfileForm.role : profile.role,
        email: profile.email,
      });
  }, [profile]);
  const save = useMutation({
    mutationFn: () =>
      updateProfile(id, {
        name: form.name,
        phone: form.phone,
        jobTitle: form.jobTitle,
        ...(profile?.role !== 'primary' && form.role !== profile?.role ? { role: form.role } : {}),
      }),
    onSuccess: (p) => {
      qc.setQueryData(accountKeys.profile(id), p);
      qc.invalidateQueries({ queryKey: accountKeys.profiles });
      notifications.show({ message: `${p.name}'s profile was saved.` });
      navigate('/profiles');
    },
  });
  const errors = useFormErrors(save.error);
  if (self) return <Navigate to="/me" replace />;
  if (error instanceof ApiError && error.status === 404) return <NotFound what="This profile" />;
  return (
    <Stack maw={560}>
      <Anchor component={Link} to="/profiles" size="sm">
        ← Profiles
      </Anchor>
      <PageTitle>{manage ? 'Edit profile' : 'Profile'}</PageTitle>
      <ErrorAlert error={error} />
      {profile && !manage && <ProfileView profile={profile} />}
      {profile && manage && (
        <Paper withBorder p="md">
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (errors.validate(profileChecks(form, false))) save.mutate();
            }}
          >
            <Stack>
              <Group gap="xs">
                <Text c="dimmed">{profile.email}</Text>
                {profile.status === 'disabled' && <Badge color="gray">Disabled</Badge>}
              </Group>
              <ErrorAlert error={errors.hasClientErrors ? null : save.error} fields={profileFieldNames} />
              <ProfileFields
                form={form}
                onChange={setForm}
                errors={errors}
                withEmail={false}
                withPassword={false}
                withRole={profile.role !== 'primary'}
              />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  Save
                </Button>
                <Button variant="default" component={Link} to="/profiles">
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}

/** What a non-primary sees of a colleague: A-2 lets them list accounts, not edit them. */
function ProfileView({ profile }: { profile: Profile }) {
  const rows: [string, string][] = [
    ['Name', profile.name],
    ['E-mail', profile.email],
    ['Role', roleLabels[profile.role] ?? profile.role],
    ['Phone', profile.phone || '—'],
    ['Job title', profile.jobTitle || '—'],
  ];
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        {rows.map(([label, value]) => (
          <Group key={label} gap="sm">
            <Text size="sm" c="dimmed" w={90}>
              {label}
            </Text>
            <Text size="sm">{value}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          Only the company owner (primary profile) can change other people’s profiles.
        </Text>
      </Stack>
    </Paper>
  );
}
