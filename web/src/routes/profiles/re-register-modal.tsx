import { Button, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { accountKeys, type Profile, reRegisterProfile } from '../../api/accounts';
import { ErrorAlert } from '../../components/error-alert';
import { useFormErrors } from '../../components/use-field-errors';
import {
  emptyProfileForm,
  personBody,
  profileChecks,
  profileFieldNames,
  ProfileFields,
  type ProfileForm,
} from './profile-fields';

/** the profile passes to another person; what it did stays in its history. */
export function ReRegisterModal({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const qc = useQueryClient();
  const [form, setForm] = useState<ProfileForm>({ ...emptyProfileForm });
  const save = useMutation({
    mutationFn: () => reRegisterProfile(profile.id, personBody(form)),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: accountKeys.profiles });
      notifications.show({ message: `The profile now belongs to ${p.name}.` });
      onClose();
    },
  });
  const errors = useFormErrors(save.error);
  return (
    <Modal opened onClose={onClose} title={`Re-register ${profile.name}'s profile to another person`}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (errors.validate(profileChecks(form))) save.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            What this profile did stays in its history. The new person gets its access from now on.
          </Text>
          <ErrorAlert error={errors.hasClientErrors ? null : save.error} fields={profileFieldNames} />
          <ProfileFields
            form={form}
            onChange={setForm}
            errors={errors}
            withRole={false}
            passwordHint="Leave empty to e-mail the person a link to choose their own."
          />
          <Button type="submit" loading={save.isPending}>
            Re-register
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
