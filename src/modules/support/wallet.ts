import { sql } from 'kysely';
import type { Actor } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError, invalid } from '../../core/errors.js';
import { decodeCursor, type Page, toPage } from '../../core/pagination.js';
import { buyCreditsHint } from './hints.js';
import type { CreditEntry, CreditEntryKind } from './tables.js';

/** What a ledger entry records besides its amount (S-2: actor, ticket and reason on every entry). */
export interface CreditEntryInput {
  companyId: string;
  /** Positive: credits in. Integer, never zero. */
  credits: number;
  actor: Actor;
  reason: string;
  at: Date;
  ticketId?: string | null;
  licenseId?: string | null;
  /**
   * Names the cause once (`license:<id>`, `assessment:<id>:charge`, `order-line:<id>`): an entry with a
   * source already in the ledger of the company is not written again, so a retried grant or charge
   * counts once.
   */
  source?: string;
}

export interface CreditPosting {
  entry: CreditEntry;
  balance: number;
  /** False when the source was already in the ledger: nothing was written, `entry` is the first one. */
  applied: boolean;
}

function actorColumns(actor: Actor) {
  if (actor.kind === 'profile' || actor.kind === 'staff')
    return { actor_kind: actor.kind, actor_id: actor.id, actor_label: actor.name };
  return {
    actor_kind: actor.kind,
    actor_id: null,
    actor_label: actor.kind === 'system' ? (actor.name ?? 'Clientele') : 'anonymous',
  };
}

function assertWholeCredits(credits: number, field = 'credits'): void {
  if (!Number.isSafeInteger(credits) || credits === 0)
    throw invalid({ field, message: 'Enter a whole number of credits other than zero.' });
}

/** The entry a source already wrote, if any (the retry case). */
async function entryOfSource(trx: DbOrTrx, companyId: string, source: string | undefined) {
  if (!source) return undefined;
  return trx
    .selectFrom('credit_entries')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('source', '=', source)
    .executeTakeFirst();
}

/**
 * Moves the balance by `delta` and appends the entry, in one transaction. The wallet row is updated
 * with a condition (balance + delta >= 0) so concurrent charges serialize on the row and a charge the
 * balance does not cover changes nothing: the balance can never go negative (S-2).
 */
async function post(
  db: DbOrTrx,
  kind: CreditEntryKind,
  delta: number,
  input: CreditEntryInput,
): Promise<CreditPosting> {
  return inTransaction(db, async (trx) => {
    // Lock the wallet first, so a retry with the same source waits for the first writer and then sees it.
    await trx
      .insertInto('credit_wallets')
      .values({ company_id: input.companyId, balance: 0, updated_at: input.at })
      .onConflict((oc) => oc.column('company_id').doNothing())
      .execute();
    const locked = await trx
      .selectFrom('credit_wallets')
      .select('balance')
      .where('company_id', '=', input.companyId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const earlier = await entryOfSource(trx, input.companyId, input.source);
    if (earlier) return { entry: earlier, balance: locked.balance, applied: false };
    if (locked.balance + delta < 0) throw insufficientCredits(locked.balance, -delta);
    const wallet = await trx
      .updateTable('credit_wallets')
      .set({ balance: sql<number>`balance + ${delta}`, updated_at: input.at })
      .where('company_id', '=', input.companyId)
      .returning('balance')
      .executeTakeFirstOrThrow();
    const entry = await trx
      .insertInto('credit_entries')
      .values({
        company_id: input.companyId,
        kind,
        amount: delta,
        balance_after: wallet.balance,
        ticket_id: input.ticketId ?? null,
        license_id: input.licenseId ?? null,
        source: input.source ?? null,
        reason: input.reason,
        ...actorColumns(input.actor),
        created_at: input.at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { entry, balance: wallet.balance, applied: true };
  });
}

/** S-2: the problem when a charge is more than the balance; nothing was charged. */
export function insufficientCredits(balance: number, needed: number): AppError {
  return new AppError(
    'insufficient-credits',
    `This needs ${needed} credits and the company has ${balance}; nothing was charged. ${buyCreditsHint().message}`,
    [{ field: 'credits', message: `${needed - balance} more credits are needed.` }],
  );
}

/** S-2: credits that come with a license or that staff give (kind granted, positive). */
export async function grantCredits(db: DbOrTrx, input: CreditEntryInput): Promise<CreditPosting> {
  assertWholeCredits(input.credits);
  if (input.credits < 0) throw invalid({ field: 'credits', message: 'Enter a positive number.' });
  return post(db, 'granted', input.credits, input);
}

/** S-2: credits bought in the shop (B-*: called on fulfilment with the order line as the source). */
export async function purchaseCredits(db: DbOrTrx, input: CreditEntryInput): Promise<CreditPosting> {
  assertWholeCredits(input.credits);
  if (input.credits < 0) throw invalid({ field: 'credits', message: 'Enter a positive number.' });
  return post(db, 'purchased', input.credits, input);
}

/** S-2: charges `credits` (positive) for a ticket; a balance that does not cover it is a 409 and nothing changes. */
export async function chargeCredits(db: DbOrTrx, input: CreditEntryInput): Promise<CreditPosting> {
  assertWholeCredits(input.credits);
  if (input.credits < 0) throw invalid({ field: 'credits', message: 'Enter a positive number.' });
  return post(db, 'charged', -input.credits, input);
}

/** S-2: gives back `credits` (positive) of an earlier charge (a re-assessment to a cheaper category). */
export async function refundCredits(db: DbOrTrx, input: CreditEntryInput): Promise<CreditPosting> {
  assertWholeCredits(input.credits);
  if (input.credits < 0) throw invalid({ field: 'credits', message: 'Enter a positive number.' });
  return post(db, 'refunded', input.credits, input);
}

/** S-2: a staff correction, either sign; it cannot take the balance below zero. */
export async function adjustCredits(db: DbOrTrx, input: CreditEntryInput): Promise<CreditPosting> {
  assertWholeCredits(input.credits);
  return post(db, 'adjusted', input.credits, input);
}

/** S-2: the company's balance: one primary-key lookup (0 without a wallet). */
export async function creditBalance(db: DbOrTrx, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('credit_wallets')
    .select('balance')
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row?.balance ?? 0;
}

/** S-2: the ledger newest first, keyset-paged by seq (credit_entries_company_idx). */
export async function listCreditEntries(
  db: DbOrTrx,
  companyId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<CreditEntry>> {
  let q = db.selectFrom('credit_entries').selectAll().where('company_id', '=', companyId);
  if (page.cursor) {
    const [seq] = decodeCursor(page.cursor, ['bigint']);
    q = q.where('seq', '<', String(seq));
  }
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(page.limit + 1)
    .execute();
  return toPage(
    rows,
    page.limit,
    (r) => r,
    (r) => [r.seq],
  );
}

/** S-2: the entries of one ticket, oldest first (what the ticket cost). */
export function ticketCreditEntries(db: DbOrTrx, companyId: string, ticketId: string): Promise<CreditEntry[]> {
  return db
    .selectFrom('credit_entries')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('company_id', '=', companyId)
    .orderBy('seq')
    .execute();
}
