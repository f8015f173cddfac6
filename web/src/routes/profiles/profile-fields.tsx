import { Select, TextInput } from '@mantine/core';
import type { NewProfile } from '../../api/accounts';
import { type Check, emailCheck, required, type useFormErrors } from '../../components/use-field-errors';

/** The roles the primary gives (there is one primary, A-2). */
export type AssignableRole = NewProfile['role'];

export interface ProfileForm {
  email: string;
  name: string;
  phone: string;
  jobTitle: string;
  role: AssignableRole;
  password: string;
}

/** The body of POST /profiles and /profiles/{id}/re-register: empty optional fields are left out. */
export function personBody(form: ProfileForm) {
  return {
    email: form.email,
    name: form.name,
    phone: form.phone || undefined,
    jobTitle: form.jobTitle || undefined,
    password: form.password || undefined,
  };
}

export const emptyProfileForm: ProfileForm = {
  email: '',
  name: '',
  phone: '',
  jobTitle: '',
  role: 'secondary',
  password: '',
};

/** The client's checks of these fields, all shown on the first submit (the server checks the rest). */
export function profileChecks(form: ProfileForm, withEmail = true): Record<string, Check> {
  return {
    ...(withEmail && { email: emailCheck(form.email) }),
    name: required(form.name, 'Enter the name.'),
  };
}

/** The fields these inputs show, so that an error alert lists only the others. */
export const profileFieldNames = ['email', 'name', 'role', 'phone', 'jobTitle', 'password'];

export const roleOptions: { value: AssignableRole; label: string }[] = [
  { value: 'secondary', label: 'Secondary' },
  { value: 'advanced', label: 'Advanced secondary' },
];

/** The fields of a person, with the client's and the server's per-field errors. */
export function ProfileFields({
  form,
  onChange,
  errors,
  withEmail = true,
  withRole = true,
  withPassword = true,
  passwordHint = 'Leave empty to e-mail the person a link to choose their own.',
}: {
  form: ProfileForm;
  onChange: (f: ProfileForm) => void;
  errors: ReturnType<typeof useFormErrors>;
  withEmail?: boolean;
  withRole?: boolean;
  withPassword?: boolean;
  passwordHint?: string;
}) {
  const set = (key: keyof ProfileForm) => (e: { currentTarget: { value: string } }) => {
    errors.touch(key);
    onChange({ ...form, [key]: e.currentTarget.value });
  };
  return (
    <>
      {withEmail && (
        <TextInput
          label="E-mail"
          type="email"
          required
          value={form.email}
          error={errors.errorFor('email')}
          onChange={set('email')}
        />
      )}
      <TextInput label="Name" required value={form.name} error={errors.errorFor('name')} onChange={set('name')} />
      {withRole && (
        <Select
          label="Role"
          data={roleOptions}
          value={form.role}
          allowDeselect={false}
          error={errors.errorFor('role')}
          onChange={(v) => onChange({ ...form, role: (v as AssignableRole | null) ?? 'secondary' })}
        />
      )}
      <TextInput label="Phone" value={form.phone} error={errors.errorFor('phone')} onChange={set('phone')} />
      <TextInput
        label="Job title"
        value={form.jobTitle}
        error={errors.errorFor('jobTitle')}
        onChange={set('jobTitle')}
      />
      {withPassword && (
        <TextInput
          label="Initial password"
          description={passwordHint}
          autoComplete="new-password"
          value={form.password}
          error={errors.errorFor('password')}
          onChange={set('password')}
        />
      )}
    </>
  );
}
