import type { License } from '../../api/licenses';

/**
 * L-1: the one word for where a license stands in its lifecycle, as the holder reads it: the
 * server's state, made precise by what is under way (a domain change waiting for the renewal fee,
 * L-5; a transfer asked for, L-7) or run out (every subscription expired, L-10). The holder's own
 * bookkeeping label ("In use", "Test"…) is another thing, shown as "Your label".
 */
export type Lifecycle =
  | 'active'
  | 'pending'
  | 'not_accepted'
  | 'fee_due'
  | 'transferring'
  | 'expired'
  | 'revoked'
  | 'transferred';

export const lifecycleLabels: Record<Lifecycle, string> = {
  active: 'Active',
  pending: 'Pending',
  not_accepted: 'Not accepted',
  fee_due: 'Fee due',
  transferring: 'Transferring',
  expired: 'Expired',
  revoked: 'Revoked',
  transferred: 'Transferred',
};

export const lifecycleColors: Record<Lifecycle, string> = {
  active: 'green',
  pending: 'yellow',
  not_accepted: 'orange',
  fee_due: 'orange',
  transferring: 'grape',
  expired: 'red',
  revoked: 'red',
  transferred: 'gray',
};

/** What each word means, for the badge's hover text and screen readers. */
export const lifecycleHints: Record<Lifecycle, string> = {
  active: 'Accepted and in force.',
  pending: 'The purchase is being verified.',
  not_accepted: 'Accept the license agreement to use it and see its files.',
  fee_due: 'A change of domain waits for the license renewal fee.',
  transferring: 'A transfer to another customer is waiting for their answer.',
  expired: 'Every subscription on it has expired.',
  revoked: 'The license was revoked.',
  transferred: 'It now belongs to another customer.',
};

export function lifecycleOf(l: License): Lifecycle {
  if (l.state !== 'active') return l.state;
  if (l.pendingUrlChange) return 'fee_due';
  if (l.openTransfer) return 'transferring';
  if (l.subscriptions.length > 0 && l.subscriptions.every((s) => s.expired)) return 'expired';
  return 'active';
}
