import { ActionIcon, FileButton, Group, Stack, Text } from '@mantine/core';
import { formatBytes } from '../../format';

/** T-4 / F-6: attachments chosen before sending; each can be dropped again. */
export function AttachmentPicker({
  files,
  onChange,
  maxFiles,
  maxBytes,
}: {
  files: File[];
  onChange: (f: File[]) => void;
  maxFiles: number;
  maxBytes: number;
}) {
  return (
    <Stack gap={4}>
      <Group>
        <FileButton multiple onChange={(picked) => onChange([...files, ...picked].slice(0, maxFiles))}>
          {(props) => (
            <Text
              component="button"
              type="button"
              size="sm"
              c="blue"
              style={{ background: 'none', border: 0, cursor: 'pointer', padding: 0 }}
              {...props}
            >
              Add attachments
            </Text>
          )}
        </FileButton>
        <Text size="xs" c="dimmed">
          Up to {maxFiles} files, {formatBytes(maxBytes)} each
        </Text>
      </Group>
      {files.map((f, i) => (
        // Two picked files may share a name and size; their position is their identity here.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is only appended to or filtered
        <Group key={`${f.name}-${f.size}-${i}`} gap="xs" data-testid="attachment-draft">
          <Text size="sm" c={f.size > maxBytes ? 'red' : undefined}>
            {f.name} ({formatBytes(f.size)}){f.size > maxBytes ? ' — too large' : ''}
          </Text>
          <ActionIcon
            variant="subtle"
            color="red"
            size="sm"
            aria-label={`Remove ${f.name}`}
            onClick={() => onChange(files.filter((_, j) => j !== i))}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}
