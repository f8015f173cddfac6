import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type AccessInfoInput,
  accessInfoKeys,
  type CustomerAccessInfo,
  eraseAccessInfo,
  type Protocol,
  protocolLabels,
  saveAccessInfo,
  useCustomerAccessInfo,
} from '../../api/access-info';
import { Confirm } from '../../components/confirm';
import { ErrorAlert } from '../../components/error-alert';
import { Time } from '../../components/time';
import { type Check, required, useFormErrors } from '../../components/use-field-errors';
import { formatDateTime } from '../../format';

const fieldNames = ['protocol', 'host', 'port', 'username', 'password', 'privateKey', 'notes'];

/**
 * T-18, "Post access info": the customer leaves server access details for the engineers on a
 * ticket. Shows what is stored without echoing secrets, replaces it, and erases it at any time.
 */
export function CustomerAccessInfoPanel({ number, status }: { number: string; status: string }) {
  const info = useCustomerAccessInfo(number, status);
  const [editing, setEditing] = useState(false);
  const qc = useQueryClient();
  const erase = useMutation({
    mutationFn: () => eraseAccessInfo(number),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: accessInfoKeys.customer(number) });
      notifications.show({ message: 'The access info was erased.' });
    },
  });
  const v = info.data;
  // A closed ticket with nothing stored and nothing erased has nothing to show.
  if (v?.enabled && !v.canPost && !v.accessInfo && !v.erased && !v.unreadable) return null;
  const empty = !!v && !v.accessInfo && !v.unreadable;
  return (
    <Card withBorder data-testid="access-info">
      <Stack gap="xs">
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <IconLock size={18} aria-hidden />
            <Title order={2} size="h5">
              Access info
            </Title>
          </Group>
          {v && empty && v.canPost && !editing && (
            <Button size="xs" variant="light" onClick={() => setEditing(true)}>
              Add access info
            </Button>
          )}
        </Group>
        {info.error ? <ErrorAlert error={info.error} /> : null}
        {erase.error ? <ErrorAlert error={erase.error} /> : null}
        {v && !v.enabled && !v.accessInfo && (
          <Alert color="gray" data-testid="access-info-off">
            Access info is turned off on this server, so nothing can be stored here. Send access details to support in
            the way you agreed with them, never in a message.
          </Alert>
        )}
        {v?.enabled && (
          <Text size="sm" c="dimmed">
            {empty && !editing ? 'Need our engineers to log in to your server? Leave the details here. ' : ''}
            Stored encrypted, shown only to the staff working this ticket (each view is logged), never sent by mail, and
            erased {v.retentionDays} days after the ticket closes. You can erase them at any time.
          </Text>
        )}
        {v?.unreadable && (
          <Alert color="yellow" data-testid="access-info-unreadable">
            The stored access info can no longer be read (it failed its integrity check). Erase it and leave it again.
          </Alert>
        )}
        {v && editing && v.canPost ? (
          <AccessInfoForm
            number={number}
            replacing={!!v.accessInfo}
            onDone={(saved) => {
              qc.setQueryData([...accessInfoKeys.customer(number), status], saved);
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          v && (
            <>
              {v.accessInfo && <Stored info={v.accessInfo} />}
              {!v.accessInfo && v.erased && (
                <Text size="sm" data-testid="access-info-erased">
                  {v.erased.reason === 'retention'
                    ? `Erased automatically on ${formatDateTime(v.erased.at)}, ${v.retentionDays} days after the ticket closed.`
                    : `Erased by ${v.erased.by} on ${formatDateTime(v.erased.at)}.`}
                </Text>
              )}
              {v.enabled && !v.canPost && v.accessInfo && (
                <Text size="sm" c="dimmed">
                  This ticket is closed: re-open it to replace the access info.
                </Text>
              )}
              {!empty && (
                <Group gap="xs">
                  {v.canPost && (
                    <Button size="xs" variant="light" onClick={() => setEditing(true)}>
                      Replace access info
                    </Button>
                  )}
                  <Confirm
                    title="Erase the access info?"
                    confirmLabel="Erase"
                    color="red"
                    onConfirm={() => erase.mutate()}
                    trigger={(open) => (
                      <Button size="xs" variant="default" loading={erase.isPending} onClick={open}>
                        Erase access info
                      </Button>
                    )}
                  >
                    The engineers will no longer see it. This cannot be undone; you can leave it again while the ticket
                    is open.
                  </Confirm>
                </Group>
              )}
            </>
          )
        )}
      </Stack>
    </Card>
  );
}

function Stored({ info }: { info: NonNullable<CustomerAccessInfo['accessInfo']> }) {
  const saved = (yes: boolean) => (yes ? 'saved' : 'none');
  const rows: [string, string][] = [
    ['Protocol', protocolLabels[info.protocol]],
    ['Host', info.host],
    ['Port', info.port === null ? '—' : String(info.port)],
    ['User', info.username || '—'],
    [
      'Password',
      info.password.saved ? `saved${info.password.endsWith ? ` (ends in …${info.password.endsWith})` : ''}` : 'none',
    ],
    ['Private key', saved(info.privateKeySaved)],
    ['Notes', saved(info.notesSaved)],
  ];
  return (
    <Stack gap={4} data-testid="access-info-stored">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={4} verticalSpacing={2}>
        {rows.map(([label, value]) => (
          <Text size="sm" key={label}>
            <Text span fw={500}>
              {label}:
            </Text>{' '}
            <Text span style={{ wordBreak: 'break-all' }}>
              {value}
            </Text>
          </Text>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Left by {info.postedBy} <Time value={info.postedAt} />
        {info.eraseAfter && <> · erased automatically on {formatDateTime(info.eraseAfter)}</>}
      </Text>
    </Stack>
  );
}

const emptyForm = {
  protocol: 'ssh' as Protocol,
  host: '',
  port: '' as number | string,
  username: '',
  password: '',
  privateKey: '',
  notes: '',
};

function AccessInfoForm({
  number,
  replacing,
  onDone,
  onCancel,
}: {
  number: string;
  replacing: boolean;
  onDone: (saved: CustomerAccessInfo) => void;
  onCancel: () => void;
}) {
  // A replacement starts empty: the stored secrets are never sent back to the browser.
  const [form, setForm] = useState(emptyForm);
  const save = useMutation({
    mutationFn: (body: AccessInfoInput) => saveAccessInfo(number, body),
    onSuccess: (saved) => {
      notifications.show({ message: 'The access info was saved, encrypted.' });
      onDone(saved);
    },
  });
  const errors = useFormErrors(save.error);
  const set = (key: keyof typeof form, value: string | number) => {
    errors.touch(key);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const portCheck: Check =
    form.port !== '' &&
    !(Number.isInteger(Number(form.port)) && Number(form.port) >= 1 && Number(form.port) <= 65535) &&
    'A port is a whole number from 1 to 65535.';
  return (
    <form
      noValidate
      aria-label="Access info"
      onSubmit={(e) => {
        e.preventDefault();
        const ok = errors.validate({
          host: required(form.host, 'Enter the host (a name, an address, or the admin panel URL).'),
          port: portCheck,
        });
        if (!ok) return;
        save.mutate({
          protocol: form.protocol,
          host: form.host.trim(),
          port: form.port === '' ? null : Number(form.port),
          username: form.username,
          password: form.password,
          privateKey: form.privateKey,
          notes: form.notes,
        });
      }}
    >
      <Stack gap="xs">
        <ErrorAlert error={errors.hasClientErrors ? null : save.error} fields={fieldNames} />
        {replacing && (
          <Text size="sm" c="dimmed">
            Saving replaces everything stored now: enter all the details again.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <Select
            label="Protocol"
            required
            allowDeselect={false}
            data={Object.entries(protocolLabels).map(([value, label]) => ({ value, label }))}
            value={form.protocol}
            onChange={(v) => v && set('protocol', v)}
            error={errors.errorFor('protocol')}
          />
          <TextInput
            label="Host"
            required
            description="Name or IP address, or the admin panel's URL"
            value={form.host}
            onChange={(e) => set('host', e.currentTarget.value)}
            error={errors.errorFor('host')}
          />
          <NumberInput
            label="Port"
            description="Empty: the protocol's usual port"
            min={1}
            max={65535}
            allowDecimal={false}
            allowNegative={false}
            value={form.port}
            onChange={(v) => set('port', v)}
            error={errors.errorFor('port')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            label="User"
            autoComplete="off"
            value={form.username}
            onChange={(e) => set('username', e.currentTarget.value)}
            error={errors.errorFor('username')}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.errorFor('password')}
          />
        </SimpleGrid>
        <Textarea
          label="Private key"
          description="Instead of a password: the whole key, PEM or OpenSSH format"
          autosize
          minRows={2}
          maxRows={8}
          styles={{ input: { fontFamily: 'monospace' } }}
          value={form.privateKey}
          onChange={(e) => set('privateKey', e.currentTarget.value)}
          error={errors.errorFor('privateKey')}
        />
        <Textarea
          label="Notes"
          description="Anything else the engineers need (a path, a second step of log-in)"
          autosize
          minRows={2}
          value={form.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={errors.errorFor('notes')}
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={save.isPending}>
            Save access info
          </Button>
          <Button size="xs" variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
