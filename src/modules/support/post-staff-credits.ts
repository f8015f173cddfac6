import { recordAudit } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError, invalid, notFound } from '../../core/errors.js';
import type { StaffActor } from '../../core/policy.js';
import { findCompany } from '../accounts/index.js';
import { presentCreditEntry } from './presenters.js';
import { adjustCredits, creditBalance, grantCredits } from './wallet.js';

export interface StaffCreditsInput {
  kind: 'grant' | 'adjust';
  credits: number;
  reason: string;
}

/**
 * S-2: staff give a company credits (a grant, positive) or correct its balance (an adjustment, either
 * sign, never below zero: 409 insufficient-credits and nothing written). Audited in the same transaction.
 */
export async function postStaffCredits(
  db: DbOrTrx,
  actor: StaffActor,
  companyId: string,
  input: StaffCreditsInput,
  at: Date,
) {
  if (input.kind === 'grant' && input.credits <= 0)
    throw invalid({ field: 'credits', message: 'A grant is a positive number of credits.' });
  if (input.kind === 'adjust' && input.credits === 0)
    throw invalid({ field: 'credits', message: 'An adjustment is a number of credits other than zero.' });
  return inTransaction(db, async (trx) => {
    if (!(await findCompany(trx, companyId))) throw notFound('This company');
    const post = input.kind === 'grant' ? grantCredits : adjustCredits;
    const posted = await post(trx, { companyId, credits: input.credits, actor, reason: input.reason, at }).catch(
      async (e: unknown) => {
        if (!(e instanceof AppError && e.code === 'insufficient-credits')) throw e;
        // Worded for staff: a correction that would take the balance below zero (the wallet refused it).
        const balance = await creditBalance(trx, companyId);
        throw new AppError(
          'insufficient-credits',
          `The company has ${balance} credits: an adjustment cannot take the balance below zero. Nothing was changed.`,
          [{ field: 'credits', message: `Take away at most ${balance} credits.` }],
        );
      },
    );
    await recordAudit(trx, {
      actor,
      action: input.kind === 'grant' ? 'support.credits.granted' : 'support.credits.adjusted',
      entity: 'credit_entry',
      entityId: posted.entry.id,
      companyId,
      after: { amount: posted.entry.amount, balance: posted.balance, reason: input.reason },
      at,
    });
    return { entry: presentCreditEntry(posted.entry, new Map()), balance: posted.balance };
  });
}
