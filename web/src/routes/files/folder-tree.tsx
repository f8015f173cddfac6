import { ActionIcon, Box, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { FolderNode } from '../../api/files';

/** F-2: the folder tree; folders of folders expand and collapse, a folder with files is chosen. */
export function FolderTree({
  folders,
  selected,
  onSelect,
}: {
  folders: FolderNode[];
  selected: string | null;
  onSelect: (n: FolderNode) => void;
}) {
  return (
    <Stack gap={2} role="tree">
      {folders.map((n) => (
        <TreeNode key={n.id} node={n} depth={0} selected={selected} onSelect={onSelect} />
      ))}
    </Stack>
  );
}

function TreeNode({
  node,
  depth,
  selected,
  onSelect,
}: {
  node: FolderNode;
  depth: number;
  selected: string | null;
  onSelect: (n: FolderNode) => void;
}) {
  const [open, setOpen] = useState(depth < 2);
  const hasChildren = node.children.length > 0;
  const isSelected = selected === node.id;
  return (
    <Box role="treeitem" aria-expanded={hasChildren ? open : undefined} aria-selected={isSelected}>
      <Group gap={4} wrap="nowrap" pl={depth * 14}>
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={`${open ? 'Collapse' : 'Expand'} ${node.label}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <UnstyledButton
          onClick={() => (node.listUrl ? onSelect(node) : setOpen(!open))}
          fw={isSelected ? 700 : 400}
          c={isSelected ? 'blue' : undefined}
          aria-current={isSelected ? 'true' : undefined}
        >
          <Text size="sm" span>
            {node.label}
          </Text>
        </UnstyledButton>
        {node.fileCount > 0 && (
          <Text size="xs" c="dimmed" span aria-hidden>
            ({node.fileCount})
          </Text>
        )}
      </Group>
      {hasChildren && open && (
        <Stack gap={2} role="group">
          {node.children.map((c) => (
            <TreeNode key={c.id} node={c} depth={depth + 1} selected={selected} onSelect={onSelect} />
          ))}
        </Stack>
      )}
    </Box>
  );
}
