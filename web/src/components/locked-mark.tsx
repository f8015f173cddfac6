import { Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/** the person is blocked after failed log-ins; an SVG lock with its meaning on hover and for screen readers. */
export function LockedMark() {
  return (
    <Tooltip label="Blocked after failed log-ins">
      <span role="img" aria-label="Blocked after failed log-ins" style={{ cursor: 'help', verticalAlign: 'middle' }}>
        <IconLock size={16} stroke={1.8} aria-hidden style={{ marginRight: 4, verticalAlign: '-2px' }} />
      </span>
    </Tooltip>
  );
}
