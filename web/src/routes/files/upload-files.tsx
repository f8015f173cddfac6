import { Button, Card, FileInput, Group, Progress, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, errorMessage, type Problem } from '../../api/client';
import { type FileTree, formatSize } from '../../api/file-types';

interface Progressing {
  name: string;
  percent: number;
  state: 'waiting' | 'sending' | 'done' | 'failed';
  error?: string;
}

/** Sends one file with XMLHttpRequest, which reports upload progress (fetch does not). */
function sendFile(
  file: File,
  description: string,
  csrf: string | null,
  onProgress: (percent: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/files/company');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let problem: Problem = {
        type: 'about:blank',
        title: xhr.statusText || 'Upload failed',
        status: xhr.status,
        code: 'unknown',
      };
      try {
        problem = JSON.parse(xhr.responseText) as Problem;
      } catch {
        /* not JSON */
      }
      reject(new ApiError(problem));
    };
    xhr.onerror = () => reject(new Error('Clientele cannot be reached. Check your connection and try again.'));
    const form = new FormData();
    form.append('description', description);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** F-3: upload several files to My files, one request per file, each with its own progress bar. */
export function UploadFiles({ csrf, quota }: { csrf: string | null; quota: FileTree['quota'] | undefined }) {
  const qc = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<Progressing[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (i: number, p: Partial<Progressing>) =>
    setProgress((all) => all.map((x, j) => (j === i ? { ...x, ...p } : x)));

  const start = async () => {
    setBusy(true);
    setProgress(files.map((f) => ({ name: f.name, percent: 0, state: 'waiting' })));
    for (const [i, f] of files.entries()) {
      if (quota && f.size > quota.fileMaxBytes) {
        set(i, { state: 'failed', error: `Larger than ${formatSize(quota.fileMaxBytes)}, the limit for one file.` });
        continue;
      }
      set(i, { state: 'sending' });
      try {
        await sendFile(f, description, csrf, (percent) => set(i, { percent }));
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
    qc.invalidateQueries({ queryKey: ['files', '/files/company'] });
    qc.invalidateQueries({ queryKey: ['file-tree'] });
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>Upload to My files</Title>
        {quota && (
          <Text size="xs" c="dimmed">
            {formatSize(quota.usedBytes)} of {formatSize(quota.limitBytes)} used; up to {formatSize(quota.fileMaxBytes)}{' '}
            per file.
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
