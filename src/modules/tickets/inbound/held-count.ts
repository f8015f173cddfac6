import type { DbOrTrx } from '../../../core/db/index.js';

/** Past this, the Overview says "10,000+": the count stays an index range read however much is held. */
export const heldCountCap = 10_000;

/**
 * E-2: how many inbound messages wait in the staff review queue (state 'held'), counted on the
 * index inbound_mail_state_idx and capped at heldCountCap + 1.
 */
export async function countHeldInboundMail(db: DbOrTrx): Promise<number> {
  const r = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('inbound_mail')
        .select('id')
        .where('state', '=', 'held')
        .limit(heldCountCap + 1)
        .as('h'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
