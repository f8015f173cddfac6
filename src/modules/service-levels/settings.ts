import type { Actor } from '../../core/audit.js';
import { recordAudit } from '../../core/audit.js';
import type { DbOrTrx } from '../../core/db/index.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { SlaSettingsInput } from './schemas.js';
import type { SlaSettings } from './tables.js';
import { slaSettings } from './targets.js';

/** The row as the API shows it. */
export function presentSlaSettings(s: SlaSettings): SlaSettingsInput {
  return {
    hotrushFirst: s.hotrush_first_minutes,
    hotrushNext: s.hotrush_next_minutes,
    vipFirst: s.vip_first_minutes,
    vipNext: s.vip_next_minutes,
    majorFirst: s.major_first_minutes,
    majorNext: s.major_next_minutes,
    normalFirst: s.normal_first_minutes,
    normalNext: s.normal_next_minutes,
    minorFirst: s.minor_first_minutes,
    minorNext: s.minor_next_minutes,
    warningLead: s.warning_lead_minutes,
  };
}

/**
 * S-5 / S-6: staff set the response targets and the warning lead. New values apply to the next
 * change of each ticket's clock (a new wait, a priority change); dues already running stay.
 */
export async function saveSlaSettings(db: DbOrTrx, input: SlaSettingsInput, actor: Actor, at: Date) {
  return inTransaction(db, async (trx) => {
    const before = presentSlaSettings(await slaSettings(trx));
    await trx
      .updateTable('sla_settings')
      .set({
        hotrush_first_minutes: input.hotrushFirst,
        hotrush_next_minutes: input.hotrushNext,
        vip_first_minutes: input.vipFirst,
        vip_next_minutes: input.vipNext,
        major_first_minutes: input.majorFirst,
        major_next_minutes: input.majorNext,
        normal_first_minutes: input.normalFirst,
        normal_next_minutes: input.normalNext,
        minor_first_minutes: input.minorFirst,
        minor_next_minutes: input.minorNext,
        warning_lead_minutes: input.warningLead,
        updated_at: at,
        updated_by: actor.kind === 'staff' ? actor.id : null,
      })
      .where('id', '=', true)
      .execute();
    await recordAudit(trx, { actor, action: 'support.sla.updated', entity: 'sla_settings', before, after: input, at });
    return input;
  });
}
