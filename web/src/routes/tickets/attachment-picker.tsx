import { ActionIcon, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { perFilePercents } from '../../api/upload';
import { formatBytes } from '../../format';

/**
 * Per-file upload progress of one message's attachments (sent in one request, fields first), as My
 * files shows it: `percents` is null until a send starts.
 */
export function useAttachmentProgress(files: File[]) {
  const [percents, setPercents] = useState<number[] | null>(null);
  const onProgress = useCallback(
    (loaded: number, total: number) =>
      setPercents(
        perFilePercents(
          files.map((f) => f.size),
          loaded,
          total,
        ),
      ),
    [files],
  );
  const start = useCallback(() => setPercents(files.length ? files.map(() => 0) : null), [files]);
  const reset = useCallback(() => setPercents(null), []);
  return { percents, onProgress, start, reset };
}

/** T-4 / F-6: attachments chosen before sending; each can be dropped again; each shows its progress while sent. */
export function AttachmentPicker({
  files,
  onChange,
  maxFiles,
  maxBytes,
  percents = null,
}: {
  files: File[];
  onChange: (f: File[]) => void;
  maxFiles: number;
  maxBytes: number;
  /** Per-file progress of the send under way, or null. */
  percents?: number[] | null;
}) {
  const sending = percents !== null;
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <FileButton multiple onChange={(picked) => onChange([...files, ...picked].slice(0, maxFiles))}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="compact-sm"
              leftSection={<IconPaperclip size={16} aria-hidden />}
              disabled={sending || files.length >= maxFiles}
            >
              Add attachments
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          Up to {maxFiles} files, {formatBytes(maxBytes)} each
        </Text>
      </Group>
      {files.map((f, i) => {
        const tooLarge = f.size > maxBytes;
        const percent = percents?.[i];
        return (
          // Two picked files may share a name and size; their position is their identity here.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is only appended to or filtered
          <Stack key={`${f.name}-${f.size}-${i}`} gap={2} data-testid="attachment-draft" data-name={f.name}>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" c={tooLarge ? 'red.9' : undefined} style={{ overflowWrap: 'anywhere' }}>
                {f.name} ({formatBytes(f.size)}){tooLarge ? ` — larger than ${formatBytes(maxBytes)}, remove it` : ''}
              </Text>
              {percent !== undefined ? (
                <Text size="xs" c="dimmed">
                  {percent === 100 ? 'Sent' : `${percent}%`}
                </Text>
              ) : (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  aria-label={`Remove ${f.name}`}
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                >
                  <IconX size={14} aria-hidden />
                </ActionIcon>
              )}
            </Group>
            {percent !== undefined && (
              <Progress
                value={percent}
                size="sm"
                color={percent === 100 ? 'green' : 'blue'}
                aria-label={`Upload progress of ${f.name}`}
                data-testid="upload-progress"
              />
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

/** Whether every attachment fits the F-6 limits (checked before anything is sent). */
export const attachmentsFit = (files: File[], maxFiles: number, maxBytes: number) =>
  files.length <= maxFiles && files.every((f) => f.size <= maxBytes);
