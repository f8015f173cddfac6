import { PageTitle } from '../../components/page-title';
import { Alert, Card, Grid, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Me } from '../../api/auth';
import { type FolderNode, useFileTree } from '../../api/files';
import { can } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { FileList } from './file-list';
import { FolderTree } from './folder-tree';
import { SecurityPatchesCard } from './security-patches';
import { UpgradePackForm } from './upgrade-pack-form';
import { UploadFiles } from './upload-files';

/** F-1 … F-7: the file area: folders on the left, the chosen folder's files on the right. */
export function FilesPage({ me }: { me: Me }) {
  const tree = useFileTree();
  const [folder, setFolder] = useState<FolderNode | null>(null);
  const sections = tree.data?.sections ?? [];
  const products = sections.find((s) => s.key === 'products');
  const current = folder ?? sections.find((s) => s.key === 'company')?.folders[0] ?? null;
  return (
    <Stack>
      <PageTitle>File area</PageTitle>
      <ErrorAlert error={tree.error} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder component="nav" aria-label="Folders">
            <Stack gap="md">
              {sections.map((s) => (
                <Stack key={s.key} gap={4}>
                  <Text fw={700} size="sm">
                    {s.label}
                  </Text>
                  {s.folders.length > 0 ? (
                    <FolderTree folders={s.folders} selected={current?.id ?? null} onSelect={setFolder} />
                  ) : (
                    <Text size="xs" c="dimmed">
                      No folders.
                    </Text>
                  )}
                </Stack>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {products && products.hiddenReasons.length > 0 && (
              <Alert color="yellow" title="Why you see no product files" role="status">
                <List size="sm">
                  {products.hiddenReasons.map((r) => (
                    <List.Item key={r.code}>{r.message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {current && (
              <Card withBorder>
                <Stack gap="sm">
                  <Title order={3}>{current.label}</Title>
                  {current.listUrl && <FileList listUrl={current.listUrl} editable={current.kind === 'company'} />}
                </Stack>
              </Card>
            )}
            {current?.kind === 'company' && <UploadFiles quota={tree.data?.quota} />}
            {can(me, 'licenses.upgradePack') && <UpgradePackForm />}
            {can(me, 'files.product') && <SecurityPatchesCard />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
