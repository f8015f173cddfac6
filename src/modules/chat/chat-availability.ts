import type { DbOrTrx } from '../../core/db/index.js';
import type { ProfileActor } from '../../core/policy.js';
import { isVipCompany, loadSupportCalendar } from '../support/index.js';
import { presentSession } from './presenters.js';
import { openSessionOf } from './queries.js';

/** S-4, S-5: whether the customer may chat now: VIP care in force, support hours open, their open chat. */
export async function chatAvailability(db: DbOrTrx, actor: ProfileActor, now: Date) {
  const [vip, calendar, current] = await Promise.all([
    isVipCompany(db, actor.companyId, now),
    loadSupportCalendar(db),
    openSessionOf(db, actor.id),
  ]);
  return {
    vip,
    open: calendar.isOpen(now),
    nextOpening: calendar.nextOpening(now).toISOString(),
    current: current ? presentSession(current) : null,
  };
}
