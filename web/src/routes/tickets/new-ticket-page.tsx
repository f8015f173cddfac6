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
import { formatBytes, viewerTimeZone } from '../../format';
import { priorityLabels } from '../../labels';
import { VersionSelect } from '../licenses/version-select';
import { PreAgreementField } from '../assessment/pre-agreement-field';
import { AttachmentPicker, useAttachmentProgress } from './attachment-picker';
import { SupportHours } from './support-hours';

type Field = 'type' | 'licenses' | 'title' | 'message' | 'files';

/**
 * T-4: a new ticket: type, licenses, product version (with L-9 marks), priority, HotRush, title,
 * message, attachments. Every required field is checked here on the first submit, all at once and
 * before anything is sent (no upload is spent on a form the server would refuse); the server's
 * own per-field errors show the same way. The attachments show their progress while they are sent.
 */
export function NewTicketPage() {
  const navigate = useNavigate();
  const options = useTicketOptions(viewerTimeZone());
  const licenses = useOwnLicenses();
  const [type, setType] = useState<string | null>('tech');
  const [keys, setKeys] = useState<string[]>([]);
  const [version, setVersion] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [hotrush, setHotrush] = useState(false);
  const [preAgreeUpTo, setPreAgreeUpTo] = useState<number | undefined>(undefined);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const progress = useAttachmentProgress(files);
  const chosenType = options.data?.types.find((t) => t.key === type);
  const firstLicense = licenses.data?.items.find((l) => l.key === keys[0]);
  const maxFiles = options.data?.maxFiles ?? 10;
  const maxBytes = options.data?.maxFileBytes ?? 50 * 1024 * 1024;
  const create = useCreateMutation({
    mutationFn: (_: void, key) =>
      createTicket(
        {
          type: type ?? '',
          licenses: keys,
          version: version || undefined,
          priority,
          hotrush: chosenType?.hotrushAllowed ? hotrush : false,
          preAgreeUpTo,
          title,
          message,
        },
        files,
        key,
        progress.onProgress,
      ),
    onSuccess: (t) => navigate(`/tickets/${t.number}`),
    onError: () => progress.reset(),
  });
  const fe = useFieldErrors(create.error);
  const shown = ['type', 'licenses', 'version', 'priority', 'hotrush', 'preAgreeUpTo', 'title', 'message'];
  /** This form's own check of a field, else the server's (cleared as soon as the field changes). */
  const errorFor = (f: Field | 'version' | 'hotrush') => (f in local ? local[f as Field] : fe.errorFor(f));
  const edit = (...fields: (Field | 'version' | 'hotrush')[]) => {
    for (const f of fields) fe.touch(f);
    setLocal((l) => {
      const next = { ...l };
      for (const f of fields) delete next[f as Field];
      return next;
    });
  };
  const check = (): Partial<Record<Field, string>> => {
    const e: Partial<Record<Field, string>> = {};
    if (!chosenType) e.type = 'Choose the type of your question.';
    if (chosenType?.needsLicense && keys.length === 0) e.licenses = 'Choose the license your question is about.';
    if (!title.trim()) e.title = 'Give the ticket a brief description.';
    if (!message.trim()) e.message = 'Write your message.';
    const big = files.filter((f) => f.size > maxBytes);
    if (big.length)
      e.files = `${big.map((f) => f.name).join(', ')}: larger than ${formatBytes(maxBytes)}, the limit for one file.`;
    if (files.length > maxFiles) e.files = `At most ${maxFiles} files.`;
    return e;
  };
  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/tickets" size="sm">
        ← Communication center
      </Anchor>
      <PageTitle>New ticket</PageTitle>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problems = check();
          setLocal(problems);
          if (Object.keys(problems).length > 0) return;
          progress.start();
          create.mutate();
        }}
      >
        <Stack>
          <ErrorAlert error={create.error ?? options.error} fields={shown} />
          <Select
            label="Type"
            data={(options.data?.types ?? []).map((t) => ({ value: t.key, label: t.name }))}
            value={type}
            allowDeselect={false}
            onChange={(v) => {
              edit('type', 'licenses', 'hotrush');
              if (v) setType(v);
            }}
            error={errorFor('type')}
            withAsterisk
          />
          <MultiSelect
            label="Licenses"
            description={chosenType?.needsLicense ? 'Required for a tech support question' : 'Optional'}
            placeholder={keys.length ? undefined : 'Choose a license'}
            data={(licenses.data?.items ?? []).map((l) => ({ value: l.key, label: `${l.key} ${l.url}` }))}
            value={keys}
            onChange={(v) => {
              edit('licenses', 'version');
              setKeys(v);
              if (v[0] !== keys[0]) setVersion('');
            }}
            error={errorFor('licenses')}
            withAsterisk={chosenType?.needsLicense}
            searchable
          />
          {firstLicense && (
            <VersionSelect
              productId={firstLicense.productId}
              label="Product version"
              size="sm"
              value={version}
              onChange={(v) => {
                edit('version');
                setVersion(v);
              }}
            />
          )}
          {errorFor('version') && (
            <Text c="red.9" size="sm">
              {errorFor('version')}
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
            <Stack gap={4}>
              <Checkbox
                label="HotRush: process out of queue, first response within 2 business hours"
                checked={hotrush}
                onChange={(e) => {
                  edit('hotrush');
                  setHotrush(e.currentTarget.checked);
                }}
                error={errorFor('hotrush')}
              />
              <SupportHours hours={options.data?.supportHours} />
            </Stack>
          )}
          <PreAgreementField
            techSupport={!!chosenType?.hotrushAllowed}
            licenses={keys}
            value={preAgreeUpTo}
            onChange={setPreAgreeUpTo}
            error={fe.errorFor('preAgreeUpTo')}
          />
          <TextInput
            label="Brief description"
            value={title}
            onChange={(e) => {
              edit('title');
              setTitle(e.currentTarget.value);
            }}
            error={errorFor('title')}
            withAsterisk
            maxLength={200}
          />
          <Textarea
            label="Message"
            autosize
            minRows={6}
            value={message}
            onChange={(e) => {
              edit('message');
              setMessage(e.currentTarget.value);
            }}
            error={errorFor('message')}
            withAsterisk
          />
          <AttachmentPicker
            files={files}
            onChange={(f) => {
              edit('files');
              setFiles(f);
            }}
            maxFiles={maxFiles}
            maxBytes={maxBytes}
            percents={create.isPending ? progress.percents : null}
          />
          {local.files && (
            <Text c="red.9" size="sm">
              {local.files}
            </Text>
          )}
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
