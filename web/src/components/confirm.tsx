import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';

/**
 * Asks before an action that cannot be undone by the person doing it (revoke, merge, delete,
 * register): `trigger` renders what opens the question; `onConfirm` runs only after "confirm".
 */
export function Confirm({
  title,
  children,
  confirmLabel,
  color = 'blue',
  onConfirm,
  trigger,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  onConfirm: () => void;
  trigger: (open: () => void) => ReactNode;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      {trigger(() => setOpened(true))}
      <Modal opened={opened} onClose={() => setOpened(false)} title={title} centered>
        <Stack>
          <Text size="sm">{children}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button
              color={color}
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
