import type { Ticket } from './tables.js';
import { effectiveLabel } from './effective-priority.js';
import { canRate } from './policy.js';
import { closesAt, isSolved, type TicketDays } from './closes-at.js';
import type { TicketType } from './ticket-config.js';
import type { SlaClock } from '../service-levels/index.js';

export interface TicketExtras {
  typeName: string;
  departmentName: string;
  licenses: string[];
  productName: string | null;
  authorName: string | null;
  /** The number of the ticket this one was merged into. */
  mergedInto: number | null;
  /** The type's T-8 pre-close rule, for the close date. */
  precloseRule?: TicketType['preclose_rule'];
}

/**
 * A ticket as its company sees it (T-1): nothing about agents, notes or queue internals. `solved`
 * and `closesAt` say "solved — closes on <date> unless you reply" (T-8, T-9); without the
 * configured days the date is left out (null).
 */
export function presentTicket(t: Ticket, x: TicketExtras, days?: TicketDays) {
  const closes = days ? closesAt(t, x.precloseRule, days) : null;
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
    solved: isSolved(t),
    closesAt: closes?.toISOString() ?? null,
  };
}

export interface StaffExtras extends TicketExtras {
  company: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  /** S-6: its SLA clock (null: none, e.g. a license log). */
  sla: SlaClock | null;
}

/** A ticket as staff see it (T-16): with the company, the agent, the queue's effective priority (T-11) and due time. */
export function presentStaffTicket(t: Ticket, x: StaffExtras, days?: TicketDays) {
  const effective = Number(t.effective);
  return {
    ...presentTicket(t, x, days),
    company: x.company,
    assignee: x.assignee,
    effective,
    effectiveLabel: effectiveLabel(effective),
    dueAt: t.due_at?.toISOString() ?? null,
    vip: t.vip,
    sla: x.sla,
    solvedAt: t.solved_at?.toISOString() ?? null,
    preClosedAt: t.pre_closed_at?.toISOString() ?? null,
  };
}
