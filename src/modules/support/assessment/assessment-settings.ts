// S-2: which releases are service packs (not counted as upgrade steps), as a pattern staff edit.
import { recordAudit } from '../../../core/audit.js';
import type { DbOrTrx } from '../../../core/db/index.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { invalid } from '../../../core/errors.js';
import type { StaffActor } from '../../../core/policy.js';
import { defaultServicePackPattern } from './cost.js';

/** The service-pack pattern in force (a case-insensitive regular expression matched against a version). */
export async function servicePackPattern(db: DbOrTrx): Promise<string> {
  const row = await db
    .selectFrom('support_assessment_settings')
    .select('service_pack_pattern')
    .where('id', '=', true)
    .executeTakeFirst();
  return row?.service_pack_pattern ?? defaultServicePackPattern;
}

/** S-2: staff set the service-pack pattern; one that is not a regular expression is a field error. */
export async function setServicePackPattern(db: DbOrTrx, pattern: string, actor: StaffActor, at: Date) {
  try {
    new RegExp(pattern, 'i');
  } catch {
    throw invalid({ field: 'servicePackPattern', message: 'Not a valid regular expression.' });
  }
  return inTransaction(db, async (trx) => {
    const before = await servicePackPattern(trx);
    await trx
      .updateTable('support_assessment_settings')
      .set({ service_pack_pattern: pattern, updated_at: at, updated_by: actor.id })
      .where('id', '=', true)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'support.service-pack-pattern',
      entity: 'support_assessment_settings',
      before: { servicePackPattern: before },
      after: { servicePackPattern: pattern },
      at,
    });
    return pattern;
  });
}
