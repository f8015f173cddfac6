import { describe, expect, it } from 'vitest';
import { customerStatus, ticketStatusBadge } from './labels';

describe('Issue 11 the status word both sides read', () => {
  it('T-8 a ticket marked solved or pre-closed reads Solved to staff and customer, before Awaiting your reply', () => {
    for (const t of [
      { status: 'in_progress' as const, solved: true, awaitingReply: true },
      { status: 'pre_closed' as const, solved: false, awaitingReply: false },
      { status: 'pre_closed' as const, solved: true, awaitingReply: true },
    ]) {
      expect(ticketStatusBadge(t).label).toBe('Solved');
      expect(customerStatus(t).label).toBe('Solved');
    }
  });

  it('T-14 an agent answered last: the customer reads Awaiting your reply, staff the status itself', () => {
    const t = { status: 'in_progress' as const, solved: false, awaitingReply: true };
    expect(customerStatus(t).label).toBe('Awaiting your reply');
    expect(ticketStatusBadge(t).label).toBe('In progress');
    expect(customerStatus({ ...t, awaitingReply: false }).label).toBe('In progress');
    expect(customerStatus({ status: 'closed', awaitingReply: true }).label).toBe('Closed');
  });
});
