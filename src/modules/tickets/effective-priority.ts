/**
 * T-11: the effective priority of a ticket in the staff queue, protecting it against "everything is
 * Major".
 *
 * Points: Major = 3, Normal = 2, Minor = 1. A company's *habit* h is the mean points of its tickets
 * opened in the window (default: the last 90 days, the ticket being ranked included). The ticket's
 * effective priority is
 *
 *     effective = points(ticket) − (h − 2)
 *
 * so a company that marks everything Major (h = 3) has its Major tickets queue as Normal (3 − 1 = 2),
 * an average company (h = 2) queues as it says, and a company whose tickets are mostly Minor
 * (h near 1) queues higher than average: its rare Major ranks above anyone's Major, its Minor as
 * Normal. The examples hold from a company's first ticket (its one Major ticket has h = 3 and queues
 * as Normal), and the weight follows the habit as it changes: whenever the company opens a ticket or
 * changes a priority, all its open tickets are weighed again (`reweighOpenTickets`). The result is in
 * [0, 4]; the queue sorts by HotRush, then SLA due time (S-*), then this number, highest first.
 */
export type Priority = 'major' | 'normal' | 'minor';

export const priorityPoints: Record<Priority, number> = { major: 3, normal: 2, minor: 1 };

export interface EffectivePrioritySettings {
  windowDays: number;
}

export const defaultEffectivePriority: EffectivePrioritySettings = { windowDays: 90 };

/** The company's habit from the priorities of its tickets in the window (2, neutral, when there are none). */
export function companyHabit(recent: Priority[]): number {
  if (recent.length === 0) return 2;
  return recent.reduce((sum, p) => sum + priorityPoints[p], 0) / recent.length;
}

export function effectivePriority(priority: Priority, habit: number): number {
  return Math.round((priorityPoints[priority] - (habit - 2)) * 100) / 100;
}

/** The label staff see next to the number: what the ticket queues as. */
export function effectiveLabel(effective: number): string {
  if (effective >= 3.5) return 'above Major';
  if (effective >= 2.5) return 'Major';
  if (effective >= 1.5) return 'Normal';
  if (effective >= 0.5) return 'Minor';
  return 'below Minor';
}
