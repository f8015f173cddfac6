import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError, notFound } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { departmentHeadId, findTicket } from '../tickets/index.js';
import { featureOff } from './customer-access-info.js';
import { worksTicket } from './policy.js';
import { presentErased, presentRevealed } from './presenters.js';
import { accessInfoOf, isHeld } from './queries.js';
import { keyRingOf, unseal } from './seal.js';

/** T-18: what any ticket staff see: that access info was left (protocol, when, by whom), nothing of it. */
export async function getStaffAccessInfo(ctx: AppContext, actor: StaffActor, number: string) {
  const t = await findTicket(ctx.db, number);
  const [row, head] = await Promise.all([accessInfoOf(ctx.db, t.id), departmentHeadId(ctx.db, t.department_key)]);
  return {
    enabled: keyRingOf(ctx.config) !== null,
    held: isHeld(row)
      ? { protocol: row.protocol, postedAt: row.posted_at.toISOString(), postedBy: row.posted_by_label }
      : null,
    mayReveal: worksTicket(actor, t, head),
    erased: presentErased(row),
  };
}

/**
 * T-18: opens the access info for a staff user working the ticket (its assignee or its
 * department's head), and records the view in the audit log in the same transaction: who, when,
 * which ticket, never what was shown. Anyone else is refused and nothing is recorded as seen.
 */
export async function revealAccessInfo(ctx: AppContext, actor: StaffActor, number: string) {
  return inTransaction(ctx.db, async (trx) => {
    const t = await findTicket(trx, number);
    if (!worksTicket(actor, t, await departmentHeadId(trx, t.department_key)))
      throw new AppError(
        'forbidden',
        'Access info was left on this ticket: assign the ticket to yourself to view it (only the assignee and the head of its department may).',
      );
    const row = await accessInfoOf(trx, t.id);
    if (!isHeld(row)) throw notFound('Access info on this ticket');
    const ring = keyRingOf(ctx.config);
    if (!ring) throw featureOff();
    const secrets = unseal(ring, t.id, row);
    await recordAudit(trx, {
      actor,
      action: 'access-info.viewed',
      entity: 'ticket',
      entityId: t.id,
      companyId: t.company_id,
      after: { ticket: Number(t.number), postedAt: row.posted_at.toISOString() },
      at: ctx.clock.now(),
    });
    return presentRevealed(row, secrets);
  });
}
