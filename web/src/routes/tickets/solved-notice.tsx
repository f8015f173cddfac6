import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { formatDateTime } from '../../format';

/**
 * T-8, T-9: "Solved — closes on <date> unless <who>", for either side: the date is the server's
 * (`closesAt`, the close sweep's own rule), shown in the viewer's zone.
 */
export function SolvedNotice({
  ticket: t,
  who,
}: {
  ticket: { solved: boolean; status: string; closesAt: string | null };
  who: string;
}) {
  if (!t.solved || t.status === 'closed') return null;
  return (
    <Alert color="teal" variant="light" data-testid="solved-notice" icon={<IconCircleCheck aria-hidden />}>
      {t.closesAt
        ? `Solved — closes on ${formatDateTime(t.closesAt)} unless ${who}.`
        : 'Solved — it stays open until it is closed by hand.'}
    </Alert>
  );
}
