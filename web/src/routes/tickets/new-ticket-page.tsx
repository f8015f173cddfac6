import { PageTitle } from '../../components/page-title';
import { useCreateMutation } from '../../api/create-mutation';
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useOwnLicenses } from '../../api/licenses';
import { createTicket, type Priority, useTicketOptions } from '../../api/tickets';
import { ErrorAlert } from '../../components/error-alert';
import { useFieldErrors } from '../../components/use-field-errors';
import { priorityLabels } from '../../labels';
import { VersionSelect } from '../licenses/version-select';
import { AttachmentPicker } from './attachment-picker';

/** T-4: a new ticket: type, licenses, product version (with L-9 marks), priority, HotRush, title, message, attachments. */
export function NewTicketPage() {
  const navigate = useNavigate();
  const options = useTicketOptions();
  const licenses = useOwnLicenses();
  const [type, setType] = useState<string | null>('tech');
  const [keys, setKeys] = useState<string[]>([]);
  const [version, setVersion] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [hotrush, setHotrush] = useState(false);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const chosenType = options.data?.types.find((t) => t.key === type);
  const firstLicense = licenses.data?.items.find((l) => l.key === keys[0]);
  const create = useCreateMutation({
    mutationFn: (_: void, key) =>
      createTicket(
        {
          type: type ?? '',
          licenses: keys,
          version: version || undefined,
          priority,
          hotrush: chosenType?.hotrushAllowed ? hotrush : false,
          title,
          message,
        },
        files,
        key,
      ),
    onSuccess: (t) => navigate(`/tickets/${t.number}`),
  });
  const fe = useFieldErrors(create.error);
  const shown = ['type', 'licenses', 'version', 'priority', 'hotrush', 'title', 'message'];
  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/tickets" size="sm">
        ← Communication center
      </Anchor>
      <PageTitle>New ticket</PageTitle>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={create.error ?? options.error} fields={shown} />
          <Select
            label="Type"
            data={(options.data?.types ?? []).map((t) => ({ value: t.key, label: t.name }))}
            value={type}
            onChange={(v) => {
              fe.touch('type');
              setType(v);
            }}
            error={fe.errorFor('type')}
            withAsterisk
          />
          <MultiSelect
            label="Licenses"
            description={chosenType?.needsLicense ? 'Required for a tech support question' : 'Optional'}
            placeholder={keys.length ? undefined : 'Choose a license'}
            data={(licenses.data?.items ?? []).map((l) => ({ value: l.key, label: `${l.key} ${l.url}` }))}
            value={keys}
            onChange={(v) => {
              fe.touch('licenses');
              fe.touch('version');
              setKeys(v);
              if (v[0] !== keys[0]) setVersion('');
            }}
            error={fe.errorFor('licenses')}
            searchable
          />
          {firstLicense && (
            <VersionSelect
              productId={firstLicense.productId}
              label="Product version"
              size="sm"
              value={version}
              onChange={(v) => {
                fe.touch('version');
                setVersion(v);
              }}
            />
          )}
          {fe.errorFor('version') && (
            <Text c="red" size="sm">
              {fe.errorFor('version')}
            </Text>
          )}
          <Radio.Group
            label="Priority"
            value={priority}
            onChange={(v) => setPriority(v as Priority)}
            description="Major: as fast as possible. Minor: a 24-hour response is fine."
          >
            <Group mt="xs">
              {(options.data?.priorities ?? ['major', 'normal', 'minor']).map((p) => (
                <Radio key={p} value={p} label={priorityLabels[p]} />
              ))}
            </Group>
          </Radio.Group>
          {chosenType?.hotrushAllowed && (
            <Checkbox
              label="HotRush: process out of queue, first response within 2 business hours"
              checked={hotrush}
              onChange={(e) => {
                fe.touch('hotrush');
                setHotrush(e.currentTarget.checked);
              }}
              error={fe.errorFor('hotrush')}
            />
          )}
          <TextInput
            label="Brief description"
            value={title}
            onChange={(e) => {
              fe.touch('title');
              setTitle(e.currentTarget.value);
            }}
            error={fe.errorFor('title')}
            withAsterisk
            maxLength={200}
          />
          <Textarea
            label="Message"
            autosize
            minRows={6}
            value={message}
            onChange={(e) => {
              fe.touch('message');
              setMessage(e.currentTarget.value);
            }}
            error={fe.errorFor('message')}
            withAsterisk
          />
          <AttachmentPicker
            files={files}
            onChange={setFiles}
            maxFiles={options.data?.maxFiles ?? 10}
            maxBytes={options.data?.maxFileBytes ?? 50 * 1024 * 1024}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Send ticket
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
