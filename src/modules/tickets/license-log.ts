import type { Trx } from '../../core/db/index.js';
import { insertMessage } from './insert-message.js';

/**
 * T-17: appends a system message to the license's log ticket "LOG: License URL modifications" of
 * the company holding it, creating the ticket on first use. The ticket is Closed from the start, so
 * it never enters an agent's queue; customers read it in the communication index but cannot post,
 * re-open or rate it. Called by the licenses module in the transaction of the URL change (L-5).
 */
export async function appendLicenseLog(
  trx: Trx,
  license: { id: string; key: string; companyId: string },
  text: string,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('tickets')
    .values({
      company_id: license.companyId,
      author_id: null,
      type_key: 'license_log',
      department_key: 'support',
      title: `LOG: License URL modifications (${license.key})`,
      status: 'closed',
      priority: 'normal',
      effective: 2,
      license_log_id: license.id,
      last_message_at: at,
      last_activity_at: at,
      closed_at: at,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['license_log_id', 'company_id']).where('license_log_id', 'is not', null).doNothing(),
    )
    .execute();
  const t = await trx
    .selectFrom('tickets')
    .select(['id', 'company_id'])
    .where('license_log_id', '=', license.id)
    .where('company_id', '=', license.companyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('ticket_licenses')
    .values({ ticket_id: t.id, license_id: license.id })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await insertMessage(trx, {
    ticketId: t.id,
    companyId: t.company_id,
    author: { kind: 'system' },
    body: text,
    source: 'system',
    at,
  });
  await trx
    .updateTable('tickets')
    .set({ last_message_at: at, last_activity_at: at, updated_at: at })
    .where('id', '=', t.id)
    .execute();
}
