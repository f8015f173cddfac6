import { BusinessCalendar } from '../../core/business-calendar.js';

const calendar = new BusinessCalendar();

/** T-12: a HotRush ticket's first response is due 2 business hours (S-5 calendar) after it is set. */
export const hotrushResponseMinutes = 120;

export function hotrushDue(now: Date): Date {
  return calendar.addBusinessMinutes(now, hotrushResponseMinutes);
}
