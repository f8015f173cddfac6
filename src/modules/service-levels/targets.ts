import type { DbOrTrx } from '../../core/db/index.js';
import type { SlaPhase, SlaPlan, SlaPriority, SlaSettings } from './tables.js';

/** S-5 / S-6: the targets staff edit (the migration seeds the one row). */
export function slaSettings(db: DbOrTrx): Promise<SlaSettings> {
  return db.selectFrom('sla_settings').selectAll().where('id', '=', true).executeTakeFirstOrThrow();
}

export interface SlaTerms {
  plan: SlaPlan;
  priority: SlaPriority;
  hotrush: boolean;
}

/**
 * S-4 / S-6 / T-10 / T-12: the response target of a ticket in business minutes. Every guarantee that
 * applies gives one (HotRush 2 h, VIP 12 h, the priority's own) and the tightest wins: a VIP ticket
 * marked Minor is still answered within 12 business hours.
 */
export function targetMinutes(s: SlaSettings, t: SlaTerms, phase: SlaPhase): number {
  const first = phase === 'first';
  const byPriority = {
    major: first ? s.major_first_minutes : s.major_next_minutes,
    normal: first ? s.normal_first_minutes : s.normal_next_minutes,
    minor: first ? s.minor_first_minutes : s.minor_next_minutes,
  }[t.priority];
  const all = [byPriority];
  if (t.hotrush) all.push(first ? s.hotrush_first_minutes : s.hotrush_next_minutes);
  if (t.plan === 'vip') all.push(first ? s.vip_first_minutes : s.vip_next_minutes);
  return Math.min(...all);
}
