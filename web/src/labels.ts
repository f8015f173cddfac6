/** The words and colours the UI shows for the API's codes: roles, states, statuses, priorities, events. */
import type { LicenseState, Release } from './api/licenses';
import type { Priority, TicketStatus } from './api/tickets';

/** Profile roles and staff roles. */
export const roleLabels: Record<string, string> = {
  primary: 'Primary',
  advanced: 'Advanced secondary',
  secondary: 'Secondary',
  agent: 'Agent',
  department_head: 'Department head',
  billing: 'Billing',
  sales: 'Sales',
  content: 'Content',
  admin: 'Admin',
};

export const licenseStateLabels: Record<LicenseState, string> = {
  pending: 'Pending',
  not_accepted: 'Not accepted',
  active: 'Active',
  revoked: 'Revoked',
  transferred: 'Transferred',
};

export const licenseStateColors: Record<LicenseState, string> = {
  pending: 'yellow',
  not_accepted: 'orange',
  active: 'green',
  revoked: 'red',
  transferred: 'gray',
};

/** L-6: the kinds of license history events. */
export const licenseEventLabels: Record<string, string> = {
  purchased: 'Purchased',
  verified: 'Purchase verified',
  accepted: 'Agreement accepted',
  registered: 'Installation registered',
  'url-changed': 'URL changed',
  'url-change-fee-due': 'URL change waiting for the renewal fee',
  'url-change-cancelled': 'URL change withdrawn',
  'url-change-fee-waived': 'Renewal fee waived',
  'module-added': 'Module purchased',
  'module-transferred-out': 'Module moved out',
  'module-transferred-in': 'Module moved in',
  'subscription-added': 'Subscription added',
  'status-changed': 'Status changed',
  'version-changed': 'Version changed',
  'transfer-requested': 'Transfer requested',
  'transfer-cancelled': 'Transfer cancelled',
  'transfer-declined': 'Transfer declined',
  'transferred-out': 'Transferred to another company',
  'transferred-in': 'Received by transfer',
  revoked: 'Revoked',
};

/** L-9: a version with its marks, as shown wherever a version is chosen. */
export function versionLabel(r: Release): string {
  const marks = [r.latest && 'latest', r.obsolete && 'obsolete', r.outOfGuarantee && 'out of guarantee'].filter(
    Boolean,
  );
  return marks.length ? `${r.version} (${marks.join(', ')})` : r.version;
}

export const ticketStatusLabels: Record<TicketStatus, string> = {
  submitted: 'Submitted',
  assigned: 'Assigned',
  in_progress: 'In progress',
  pre_closed: 'Pre-closed',
  closed: 'Closed',
  reopened: 'Re-opened',
};

/** Shades picked for white text (filled) and for text on the light tint: each at least 4.5:1. */
export const ticketStatusColors: Record<TicketStatus, string> = {
  submitted: 'blue.8',
  assigned: 'indigo.8',
  in_progress: 'cyan.9',
  pre_closed: 'teal.9',
  closed: 'gray.7',
  reopened: 'grape.8',
};

/**
 * T-8: the status people read. A ticket an agent marked solved, or one that is pre-closed, reads
 * "Solved" (it closes by itself unless someone writes, `closesAt`); otherwise the status itself.
 */
export function ticketStatusBadge(t: { status: TicketStatus; solved?: boolean }): { label: string; color: string } {
  if ((t.solved || t.status === 'pre_closed') && t.status !== 'closed') return { label: 'Solved', color: 'teal.9' };
  return { label: ticketStatusLabels[t.status], color: ticketStatusColors[t.status] };
}

/**
 * The status word a customer reads in lists (issue 11): "Solved" as above, "Awaiting your reply" when
 * an agent answered last; the rest as T-3 names them.
 */
export function customerStatus(t: { status: TicketStatus; solved?: boolean; awaitingReply?: boolean }): {
  label: string;
  color: string;
} {
  const badge = ticketStatusBadge(t);
  if (badge.label !== 'Solved' && t.awaitingReply && t.status !== 'closed')
    return { label: 'Awaiting your reply', color: 'grape.8' };
  return badge;
}

export const priorityLabels: Record<Priority, string> = { major: 'Major', normal: 'Normal', minor: 'Minor' };

/** E-1: the states of an outgoing mail. */
export const mailStatusColors: Record<string, string> = {
  sent: 'green',
  pending: 'yellow',
  sending: 'blue',
  failed: 'red',
};

/** The ticket types staff may set (T-16), in the order offered; a license log ticket stays one. */
export const ticketTypeLabels: Record<string, string> = {
  tech: 'Tech support question',
  sales: 'Sales question',
  project: 'Project question',
  generic: 'Generic',
  installation: 'Installation service',
  license_log: 'License log',
};
