import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/errors.js';
import type { ProfileActor } from '../../core/policy.js';
import { findCompanyTicket, type Ticket } from '../tickets/index.js';
import { canPostAccessInfo } from './policy.js';
import { presentErased, presentForCustomer } from './presenters.js';
import { accessInfoOf, isHeld } from './queries.js';
import type { AccessInfoBody } from './schemas.js';
import { keyRingOf, seal, unseal } from './seal.js';

/** T-18: the answer when the server has no key: the feature is off, nothing is stored. */
export const featureOff = () =>
  new AppError(
    'unprocessable',
    'Access info is turned off on this server: its administrator has not set CLIENTELE_ACCESS_INFO_KEY. Send access details another way your support agreed with you.',
  );

/** T-18: what the customer sees of the access info on a ticket of their company. */
export async function customerAccessInfoView(ctx: AppContext, db: DbOrTrx, t: Ticket) {
  const ring = keyRingOf(ctx.config);
  const row = await accessInfoOf(db, t.id);
  let accessInfo = null;
  let unreadable = false;
  if (isHeld(row)) {
    try {
      if (!ring) throw featureOff();
      accessInfo = presentForCustomer(row, unseal(ring, t.id, row), ctx.config);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      unreadable = true;
    }
  }
  return {
    enabled: ring !== null,
    canPost: ring !== null && canPostAccessInfo(t),
    retentionDays: ctx.config.accessInfo.retentionDays,
    accessInfo,
    unreadable,
    erased: presentErased(row),
  };
}

export async function getCustomerAccessInfo(ctx: AppContext, actor: ProfileActor, number: string) {
  const t = await findCompanyTicket(ctx.db, actor.companyId, number);
  return customerAccessInfoView(ctx, ctx.db, t);
}

/**
 * T-18: posts (or replaces) the ticket's access info, sealed; only while the ticket is not Closed.
 * The audit entry names the fields that were filled, never their values.
 */
export async function saveAccessInfo(ctx: AppContext, actor: ProfileActor, number: string, input: AccessInfoBody) {
  return inTransaction(ctx.db, async (trx) => {
    const t = await findCompanyTicket(trx, actor.companyId, number, true);
    const ring = keyRingOf(ctx.config);
    if (!ring) throw featureOff();
    if (!canPostAccessInfo(t))
      throw new AppError(
        'conflict',
        t.status === 'closed'
          ? 'This ticket is closed: re-open it to leave access info (you can still erase what is stored).'
          : 'Access info cannot be left on this ticket.',
      );
    const now = ctx.clock.now();
    const { protocol, ...secrets } = input;
    const sealed = seal(ring, t.id, secrets);
    const held = {
      protocol,
      ...sealed,
      posted_by: actor.id,
      posted_by_label: actor.name,
      posted_at: now,
      ticket_closed_at: null,
      erased_at: null,
      erased_by_label: '',
      erase_reason: null,
    };
    const before = await accessInfoOf(trx, t.id, true);
    await trx
      .insertInto('ticket_access_info')
      .values({ ticket_id: t.id, company_id: t.company_id, ...held })
      .onConflict((oc) => oc.column('ticket_id').doUpdateSet(held))
      .execute();
    await recordAudit(trx, {
      actor,
      action: isHeld(before) ? 'access-info.replaced' : 'access-info.posted',
      entity: 'ticket',
      entityId: t.id,
      companyId: t.company_id,
      after: {
        ticket: Number(t.number),
        protocol,
        filled: Object.entries(secrets)
          .filter(([, v]) => v !== '' && v !== null)
          .map(([k]) => k),
      },
      at: now,
    });
    return customerAccessInfoView(ctx, trx, t);
  });
}

/** T-18: the customer erases the ticket's access info, at any time (a Closed ticket too). */
export async function eraseAccessInfo(ctx: AppContext, actor: ProfileActor, number: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const t = await findCompanyTicket(trx, actor.companyId, number);
    const row = await accessInfoOf(trx, t.id, true);
    if (!isHeld(row)) return;
    const now = ctx.clock.now();
    await trx
      .updateTable('ticket_access_info')
      .set(erasedState(now, actor.name, 'customer'))
      .where('ticket_id', '=', t.id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'access-info.erased',
      entity: 'ticket',
      entityId: t.id,
      companyId: t.company_id,
      after: { ticket: Number(t.number), reason: 'customer' },
      at: now,
    });
  });
}

/** An erased row: the ciphertext, its IV and tag and the protocol overwritten; who and when kept. */
export function erasedState(at: Date, by: string, reason: 'customer' | 'retention') {
  return {
    protocol: null,
    key_id: null,
    iv: null,
    sealed: null,
    auth_tag: null,
    erased_at: at,
    erased_by_label: by,
    erase_reason: reason,
  };
}
