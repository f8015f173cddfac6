import { inTransaction } from '../../core/db/transaction.js';
import type { Actor } from '../../core/audit.js';
import { recordAudit } from '../../core/audit.js';
import type { AppContext } from '../../core/context.js';
import type { Trx } from '../../core/db/index.js';
import { AppError, invalid, isUniqueViolation, notFound } from '../../core/errors.js';
import { queueMail } from '../../core/mail/outbox.js';
import type { ProfileActor, StaffActor } from '../../core/policy.js';
import { recordLicenseEvent } from './events.js';
import { presentOne } from './list-licenses.js';
import { transferRequestedMail, transferResolvedMail } from './mails.js';
import { findCompanyLicense } from './queries.js';
import { companyName, createInvitedCustomer, findProfileByEmail, profileContact } from '../accounts/index.js';
import { emailInUse, emailTakenError } from '../auth/index.js';
import { licenseChangeBlocked } from './policy.js';

export type TransferInput =
  | { to: 'existing'; email: string }
  | {
      to: 'new';
      company: { name: string; address?: string; phone?: string };
      account: { name: string; email: string; phone?: string };
    };

/**
 * L-7: the primary asks to transfer a license to an existing customer (named by the e-mail of its
 * primary profile) or to a new customer (company and account details). The receiving primary
 * accepts; a new customer is approved by staff and invited by e-mail. One open request per license
 * (a unique index): of two concurrent requests exactly one is stored.
 */
export async function requestLicenseTransfer(ctx: AppContext, actor: ProfileActor, key: string, input: TransferInput) {
  const now = ctx.clock.now();
  const email = input.to === 'existing' ? input.email : input.account.email;
  const field = input.to === 'existing' ? 'email' : 'account.email';
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const l = await findCompanyLicense(trx, actor.companyId, key, true);
      const blocked = await licenseChangeBlocked(trx, l, 'transfer it', {
        feeDue: () => 'A URL change of this license waits for its fee. Cancel it before transferring the license.',
      });
      if (blocked) throw blocked;
      const holder = await findProfileByEmail(trx, email);
      let toCompanyId: string | null = null;
      if (input.to === 'existing') {
        if (holder?.company_id === actor.companyId)
          throw invalid({ field, message: 'This is your own company: a license cannot be transferred to itself.' });
        if (holder?.role !== 'primary' || holder.status !== 'active')
          throw invalid({
            field,
            message: "No customer's primary profile has this e-mail. Check it, or transfer to a new customer.",
          });
        toCompanyId = holder.company_id;
      } else if (holder) {
        const message =
          holder.company_id === actor.companyId
            ? 'This person is already in your company.'
            : 'This e-mail belongs to an existing customer: choose "existing customer".';
        throw emailTakenError(field, message, message);
      } else if (await emailInUse(trx, email)) {
        // Another case of a customer's address, or a staff user's: the new profile could never be made.
        throw emailTakenError(field);
      }
      const t = await trx
        .insertInto('license_transfers')
        .values({
          license_id: l.id,
          from_company_id: actor.companyId,
          to_company_id: toCompanyId,
          to_email: email,
          new_customer: input.to === 'new' ? JSON.stringify({ company: input.company, account: input.account }) : null,
          state: 'requested',
          requested_by: actor.id,
          requested_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordLicenseEvent(trx, {
        licenseId: l.id,
        companyId: l.company_id,
        kind: 'transfer-requested',
        actor,
        at: now,
        detail: { to: email, newCustomer: input.to === 'new' },
      });
      await recordAudit(trx, {
        actor,
        action: 'license.transfer-requested',
        entity: 'license',
        entityId: l.id,
        after: { to: email, newCustomer: input.to === 'new' },
        at: now,
      });
      if (holder && input.to === 'existing') {
        const fromName = await companyName(trx, actor.companyId);
        await queueMail(
          trx,
          transferRequestedMail(
            email,
            holder.name,
            l.key,
            fromName,
            `${ctx.config.publicUrl}/licenses?transfers=incoming`,
          ),
          now,
          ctx.mailDomain,
        );
      }
      return t;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'license_transfers_one_open'))
      throw new AppError(
        'conflict',
        'A transfer of this license is already requested. Cancel it before asking for another.',
      );
    throw e;
  }
}

/** Moves the license to the receiving company (in the caller's transaction, transfer row locked). */
async function completeTransfer(
  ctx: AppContext,
  trx: Trx,
  transferId: string,
  toCompanyId: string,
  actor: Actor,
  now: Date,
) {
  const t = await trx
    .selectFrom('license_transfers')
    .selectAll()
    .where('id', '=', transferId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const l = await trx
    .selectFrom('licenses')
    .selectAll()
    .where('id', '=', t.license_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (t.state !== 'requested' || l.company_id !== t.from_company_id)
    throw new AppError('conflict', 'This transfer is no longer open.');
  // The license may have changed since the request: it must still be transferable when it moves.
  const blocked = await licenseChangeBlocked(trx, l, 'take it over', {
    feeDue: () =>
      'A URL change of this license waits for its fee: the transfer can complete once the holder cancels it or staff settle it.',
  });
  if (blocked) throw blocked;
  const snapshot = await presentOne(trx, l, now);
  await trx
    .updateTable('licenses')
    // The new holder reads and accepts the agreement themselves (L-3); their bookkeeping starts empty.
    .set({
      company_id: toCompanyId,
      state: l.state === 'active' ? 'not_accepted' : l.state,
      accepted_at: null,
      accepted_by: null,
      holder_status: '',
      updated_at: now,
    })
    .where('id', '=', l.id)
    .execute();
  await trx
    .updateTable('license_transfers')
    .set({
      state: 'completed',
      to_company_id: toCompanyId,
      resolved_at: now,
      resolved_by_kind: actor.kind,
      resolved_by_id: actor.kind === 'profile' || actor.kind === 'staff' ? actor.id : null,
      snapshot: JSON.stringify(snapshot),
    })
    .where('id', '=', t.id)
    .execute();
  await recordLicenseEvent(trx, {
    licenseId: l.id,
    companyId: t.from_company_id,
    kind: 'transferred-out',
    actor,
    at: now,
    detail: { to: t.to_email },
  });
  // The receiver saw the sender's company name in the request; the history names it, never its id.
  const fromCompanyName = await companyName(trx, t.from_company_id);
  await recordLicenseEvent(trx, {
    licenseId: l.id,
    companyId: toCompanyId,
    kind: 'transferred-in',
    actor,
    at: now,
    detail: { from: fromCompanyName },
  });
  await recordAudit(trx, {
    actor,
    action: 'license.transferred',
    entity: 'license',
    entityId: l.id,
    companyId: t.from_company_id,
    before: { companyId: t.from_company_id },
    after: { companyId: toCompanyId },
    at: now,
  });
  const sender = await profileContact(trx, t.requested_by);
  await queueMail(trx, transferResolvedMail(sender.email, sender.name, l.key, 'completed'), now, ctx.mailDomain);
  return t;
}

async function openTransferFor(trx: Trx, id: string, where: { toCompanyId?: string; fromCompanyId?: string }) {
  let q = trx.selectFrom('license_transfers').selectAll().where('id', '=', id);
  if (where.toCompanyId) q = q.where('to_company_id', '=', where.toCompanyId);
  if (where.fromCompanyId) q = q.where('from_company_id', '=', where.fromCompanyId);
  const t = await q.forUpdate().executeTakeFirst();
  if (!t) throw notFound('This transfer');
  if (t.state !== 'requested') throw new AppError('conflict', `This transfer is already ${t.state}.`);
  return t;
}

/** L-7: the receiving primary accepts; the license, its modules and subscriptions move. */
export async function acceptLicenseTransfer(ctx: AppContext, actor: ProfileActor, id: string) {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    await openTransferFor(trx, id, { toCompanyId: actor.companyId });
    return completeTransfer(ctx, trx, id, actor.companyId, actor, now);
  });
}

/** L-7: the receiving primary declines, or the sender cancels, an open request. */
export async function closeLicenseTransfer(
  ctx: AppContext,
  actor: ProfileActor,
  id: string,
  how: 'declined' | 'cancelled',
) {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const t = await openTransferFor(
      trx,
      id,
      how === 'declined' ? { toCompanyId: actor.companyId } : { fromCompanyId: actor.companyId },
    );
    await trx
      .updateTable('license_transfers')
      .set({ state: how, resolved_at: now, resolved_by_kind: 'profile', resolved_by_id: actor.id })
      .where('id', '=', t.id)
      .execute();
    await recordLicenseEvent(trx, {
      licenseId: t.license_id,
      companyId: t.from_company_id,
      kind: how === 'declined' ? 'transfer-declined' : 'transfer-cancelled',
      actor,
      at: now,
      detail: { to: t.to_email },
    });
    if (how === 'declined') {
      const sender = await profileContact(trx, t.requested_by);
      const l = await trx.selectFrom('licenses').select('key').where('id', '=', t.license_id).executeTakeFirstOrThrow();
      await queueMail(trx, transferResolvedMail(sender.email, sender.name, l.key, 'declined'), now, ctx.mailDomain);
    }
    return t;
  });
}

/**
 * L-7: staff approve a transfer to a new customer: the company and its primary profile are created
 * (no password: the person is invited by e-mail to choose one) and the license moves to them.
 */
export async function approveNewCustomerTransfer(ctx: AppContext, actor: StaffActor, id: string) {
  const now = ctx.clock.now();
  try {
    return await inTransaction(ctx.db, async (trx) => {
      const t = await openTransferFor(trx, id, {});
      if (!t.new_customer)
        throw new AppError('unprocessable', 'This transfer goes to an existing customer, who accepts it themselves.');
      const nc = t.new_customer as {
        company: { name: string; address?: string; phone?: string };
        account: { name: string; email: string; phone?: string };
      };
      const { companyId } = await createInvitedCustomer(ctx, trx, nc, now);
      await recordAudit(trx, {
        actor,
        action: 'company.created',
        entity: 'company',
        entityId: companyId,
        companyId,
        after: { name: nc.company.name, reason: 'license transfer' },
        at: now,
      });
      return completeTransfer(ctx, trx, id, companyId, actor, now);
    });
  } catch (e) {
    // The address was free when the transfer was requested; someone has taken it since.
    if (e instanceof AppError && e.code === 'email-taken')
      throw emailTakenError(
        'account.email',
        "The new holder's e-mail is now used by another account; ask the sender to transfer to an existing customer.",
      );
    throw e;
  }
}
