import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { get, patch } from '../../api/client';
import type { Me, Profile } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { emptyProfileForm, ProfileFields, type ProfileForm } from './profile-fields';

/** The primary edits another profile of the company. */
export function EditProfilePage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { data: profile, error } = useQuery({ queryKey: ['profile', id], queryFn: () => get<Profile>(`/profiles/${id}`) });
  const [form, setForm] = useState<ProfileForm>({ ...emptyProfileForm });
  useEffect(() => {
    if (profile) setForm({ ...emptyProfileForm, name: profile.name, phone: profile.phone, jobTitle: profile.jobTitle, role: profile.role, email: profile.email });
  }, [profile]);
  const save = useMutation({
    mutationFn: () =>
      patch<Profile>(`/profiles/${id}`, {
        name: form.name,
        phone: form.phone,
        jobTitle: form.jobTitle,
        ...(profile?.role !== 'primary' && form.role !== profile?.role ? { role: form.role } : {}),
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['profiles'] });
      qc.invalidateQueries({ queryKey: ['profile', id] });
      notifications.show({ message: 'Saved.' });
      navigate('/profiles');
    },
  });
  if (id === me.id) return <Navigate to="/me" replace />;
  return (
    <Stack maw={560}>
      <Title order={2}>Edit profile</Title>
      <ErrorAlert error={error} />
      {profile && (
        <Paper withBorder p="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Stack>
              <Text c="dimmed">{profile.email}</Text>
              <ErrorAlert error={save.error} />
              <ProfileFields form={form} onChange={setForm} error={save.error} withEmail={false} withPassword={false} withRole={profile.role !== 'primary'} />
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
