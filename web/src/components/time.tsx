import { Tooltip } from '@mantine/core';
import { formatDateTime, formatRelative } from '../format';

/**
 * An instant as people read it in a helpdesk: relative when recent ("2 h ago"), with the absolute
 * date, time and zone of the viewer on hover and for screen readers (`<time dateTime title>`).
 */
export function Time({ value, empty = '—' }: { value: string | null | undefined; empty?: string }) {
  if (!value) return <>{empty}</>;
  const absolute = formatDateTime(value);
  return (
    <Tooltip label={absolute} withArrow openDelay={300}>
      <time dateTime={value} title={absolute}>
        {formatRelative(value)}
      </time>
    </Tooltip>
  );
}
