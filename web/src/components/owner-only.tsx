import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMe } from '../api/auth';
import { can } from '../auth';

/**
 * A-2 in the UI: a form only the company owner may use is not shown to the others, who may still
 * reach its address (a link, a bookmark); they read why instead. The server refuses them anyway.
 */
export function OwnerOnly({
  permission,
  action,
  children,
}: {
  permission: string;
  action: string;
  children: ReactNode;
}) {
  const me = useMe().data;
  if (!me) return null;
  if (!can(me, permission)) {
    return (
      <Alert color="gray" title="Only the company owner can do this" data-testid="owner-only">
        Only the company owner (primary profile) can {action}. Ask them to do it.
      </Alert>
    );
  }
  return <>{children}</>;
}
