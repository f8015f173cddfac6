import { newIdempotencyKey } from '../../api/create-mutation';
import { Button, Card, FileInput, Group, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { companyFolderUrl, fileKeys, type Quota, uploadCompanyFile } from '../../api/files';
import { formatBytes } from '../../format';

interface Progressing {
  name: string;
  percent: number;
  state: 'waiting' | 'sending' | 'done' | 'failed';
  error?: string;
}

/** F-3: upload several files to My files, one request per file, each with its own progress bar. */
export function UploadFiles({ quota }: { quota: Quota | undefined }) {
  const qc = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<Progressing[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (i: number, p: Partial<Progressing>) =>
    setProgress((all) => all.map((x, j) => (j === i ? { ...x, ...p } : x)));

  // One Idempotency-Key per chosen file until it is stored: sending it again after a failure never stores it twice.
  const keys = useRef(new WeakMap<File, string>());
  const keyFor = (f: File) => {
    const k = keys.current.get(f) ?? newIdempotencyKey();
    keys.current.set(f, k);
    return k;
  };
  const start = async () => {
    setBusy(true);
    setProgress(files.map((f) => ({ name: f.name, percent: 0, state: 'waiting' })));
    for (const [i, f] of files.entries()) {
      if (quota && f.size > quota.fileMaxBytes) {
        set(i, { state: 'failed', error: `Larger than ${formatBytes(quota.fileMaxBytes)}, the limit for one file.` });
        continue;
      }
      set(i, { state: 'sending' });
      try {
        await uploadCompanyFile(f, description, (percent) => set(i, { percent }), keyFor(f));
        keys.current.delete(f);
        set(i, { state: 'done', percent: 100 });
      } catch (err) {
        set(i, {
          state: 'failed',
          error:
            err instanceof ApiError
              ? err.problem.errors?.[0]?.message
                ? `${err.problem.detail ?? err.problem.title}`
                : (err.problem.detail ?? err.problem.title)
              : errorMessage(err),
        });
      }
    }
    setBusy(false);
    setFiles([]);
    setDescription('');
    qc.invalidateQueries({ queryKey: fileKeys.folder(companyFolderUrl) });
    qc.invalidateQueries({ queryKey: fileKeys.tree });
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>Upload to My files</Title>
        {quota && (
          <Text size="xs" c="dimmed">
            {formatBytes(quota.usedBytes)} of {formatBytes(quota.limitBytes)} used; up to{' '}
            {formatBytes(quota.fileMaxBytes)} per file.
          </Text>
        )}
        <FileInput
          label="Files to upload"
          placeholder="Choose files"
          multiple
          value={files}
          onChange={setFiles}
          clearable
        />
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={1}
        />
        <Group>
          <Button onClick={start} disabled={files.length === 0} loading={busy}>
            Upload
          </Button>
        </Group>
        {progress.map((p) => (
          <Stack key={p.name} gap={2} data-testid="upload-progress" data-name={p.name} data-state={p.state}>
            <Group justify="space-between">
              <Text size="sm">{p.name}</Text>
              <Text size="xs" c={p.state === 'failed' ? 'red' : 'dimmed'}>
                {p.state === 'failed' ? p.error : p.state === 'done' ? 'Uploaded' : `${p.percent}%`}
              </Text>
            </Group>
            <Progress
              value={p.percent}
              color={p.state === 'failed' ? 'red' : p.state === 'done' ? 'green' : 'blue'}
              aria-label={`Upload progress of ${p.name}`}
            />
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
