/** The tickets module's API shapes (GET /api/v1/tickets …). */
export type TicketStatus = 'submitted' | 'assigned' | 'in_progress' | 'pre_closed' | 'closed' | 'reopened';
export type Priority = 'major' | 'normal' | 'minor';

export interface Ticket {
  number: number;
  type: { key: string; name: string };
  department: { key: string; name: string };
  title: string;
  status: TicketStatus;
  priority: Priority;
  hotrush: boolean;
  product: { id: string; name: string } | null;
  version: string;
  licenses: string[];
  author: string | null;
  readOnly: boolean;
  rating: number | null;
  ratingComment: string;
  ratedAt: string | null;
  canRate: boolean;
  mergedInto: number | null;
  createdAt: string;
  lastActivityAt: string;
  closedAt: string | null;
}

export interface StaffTicket extends Ticket {
  company: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  effective: number;
  effectiveLabel: string;
  dueAt: string | null;
  solvedAt: string | null;
  preClosedAt: string | null;
}

export interface TimelineMessage {
  kind: 'message';
  id: string;
  messageId: string;
  at: string;
  author: { kind: 'profile' | 'staff' | 'system'; name: string };
  internal: boolean;
  body: string;
  source: string;
  attachments: { id: string; name: string; size: number; mediaType: string }[];
}

export interface TimelineEvent {
  kind: 'event';
  id: string;
  at: string;
  event: string;
  actor: string;
  from: string | null;
  to: string | null;
  internal: boolean;
}

export type TimelineItem = TimelineMessage | TimelineEvent;

export interface TicketDetail extends Ticket {
  timeline: TimelineItem[];
  hotrushDisablesLeft: number;
}

export interface StaffTicketDetail extends StaffTicket {
  timeline: TimelineItem[];
}

export interface TicketOptions {
  types: { key: string; name: string; needsLicense: boolean; hotrushAllowed: boolean }[];
  priorities: Priority[];
  maxFileBytes: number;
  maxFiles: number;
}

export const statusLabels: Record<TicketStatus, string> = {
  submitted: 'Submitted',
  assigned: 'Assigned',
  in_progress: 'In progress',
  pre_closed: 'Pre-closed',
  closed: 'Closed',
  reopened: 'Re-opened',
};

export const statusColors: Record<TicketStatus, string> = {
  submitted: 'blue',
  assigned: 'indigo',
  in_progress: 'cyan',
  pre_closed: 'yellow',
  closed: 'gray',
  reopened: 'orange',
};

export const priorityLabels: Record<Priority, string> = { major: 'Major', normal: 'Normal', minor: 'Minor' };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
