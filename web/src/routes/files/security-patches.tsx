import { Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import { useSecurityPatches } from '../../api/files';
import { ErrorAlert } from '../../components/error-alert';
import { formatBytes, formatDate } from '../../format';

/** F-7: security patches listed together per product. */
export function SecurityPatchesCard() {
  const q = useSecurityPatches();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>Security patches</Title>
        <ErrorAlert error={q.error} />
        {q.data?.products.length === 0 && (
          <Text size="sm" c="dimmed">
            No security patches for your products.
          </Text>
        )}
        {q.data?.products.map((p) => (
          <Stack key={p.productId} gap={2}>
            <Text fw={600} size="sm">
              {p.brandName} — {p.productName}
            </Text>
            <List size="sm">
              {p.patches.map((f) => (
                <List.Item key={f.id}>
                  <Anchor href={f.downloadUrl} download={f.name} size="sm">
                    {f.name}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    {f.version ?? ''} · {formatBytes(f.size)} · {formatDate(f.createdAt)}
                  </Text>
                  {f.description && <Text size="xs">{f.description}</Text>}
                </List.Item>
              ))}
            </List>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
