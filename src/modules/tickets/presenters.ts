import type { Ticket } from './tables.js';
import { effectiveLabel } from './effective-priority.js';

export interface TicketExtras {
  typeName: string;
  departmentName: string;
  licenses: string[];
  productName: string | null;
  authorName: string | null;
  /** The number of the ticket this one was merged into. */
  mergedInto: number | null;
}

/**
 * T-13: a ticket can be rated when it is Closed and work on it has finished: an agent answered it
 * (a ticket the customer closed before anyone worked on it has nothing to rate), it was not merged
 * into another, and it is not a license log.
 */
export function canRate(t: Pick<Ticket, 'status' | 'type_key' | 'first_answer_at' | 'merged_into_id'>): boolean {
  return (
    t.status === 'closed' && t.type_key !== 'license_log' && t.first_answer_at !== null && t.merged_into_id === null
  );
}

/** A ticket as its company sees it (T-1): nothing about agents, notes or queue internals. */
export function presentTicket(t: Ticket, x: TicketExtras) {
  return {
    number: Number(t.number),
    type: { key: t.type_key, name: x.typeName },
    department: { key: t.department_key, name: x.departmentName },
    title: t.title,
    status: t.status,
    priority: t.priority,
    hotrush: t.hotrush,
    product: t.product_id ? { id: t.product_id, name: x.productName ?? '' } : null,
    version: t.version,
    licenses: x.licenses,
    author: x.authorName,
    readOnly: t.type_key === 'license_log',
    rating: t.rating,
    ratingComment: t.rating_comment,
    ratedAt: t.rated_at?.toISOString() ?? null,
    canRate: canRate(t),
    mergedInto: x.mergedInto,
    createdAt: t.created_at.toISOString(),
    lastActivityAt: t.last_activity_at.toISOString(),
    closedAt: t.closed_at?.toISOString() ?? null,
  };
}

export interface StaffExtras extends TicketExtras {
  company: { id: string; name: string };
  assignee: { id: string; name: string } | null;
}

/** A ticket as staff see it (T-16): with the company, the agent, the queue's effective priority (T-11) and due time. */
export function presentStaffTicket(t: Ticket, x: StaffExtras) {
  const effective = Number(t.effective);
  return {
    ...presentTicket(t, x),
    company: x.company,
    assignee: x.assignee,
    effective,
    effectiveLabel: effectiveLabel(effective),
    dueAt: t.due_at?.toISOString() ?? null,
    solvedAt: t.solved_at?.toISOString() ?? null,
    preClosedAt: t.pre_closed_at?.toISOString() ?? null,
  };
}
