import type { BusinessCalendar } from '../../core/business-calendar.js';

/**
 * S-5: the cities of the technical-support terms' table, with the desk's hours shown on their clocks
 * (the desk's default 09:00–18:00 GMT+4 is 22:00–07:00 in Los Angeles, 06:00–15:00 in Berlin, …).
 */
export const referenceCities = [
  { city: 'Los Angeles', timeZone: 'America/Los_Angeles' },
  { city: 'New York', timeZone: 'America/New_York' },
  { city: 'London', timeZone: 'Europe/London' },
  { city: 'Berlin, Rome', timeZone: 'Europe/Berlin' },
  { city: 'Hong Kong', timeZone: 'Asia/Hong_Kong' },
  { city: 'Tokyo', timeZone: 'Asia/Tokyo' },
] as const;

/**
 * S-5: the support hours on the desk's clock and, for a valid zone, on the viewer's (an unknown zone:
 * null) — the shape of GET /tickets/options `supportHours` — plus the reference cities.
 */
export function supportHoursView(calendar: BusinessCalendar, viewerTimeZone: string | undefined, now: Date) {
  const { timeZone } = calendar.settings;
  let inViewerZone = null;
  try {
    if (viewerTimeZone) inViewerZone = calendar.weeklyHoursIn(viewerTimeZone, now);
  } catch {
    inViewerZone = null;
  }
  return {
    timeZone,
    hours: calendar.weeklyHoursIn(timeZone, now),
    viewerTimeZone: inViewerZone ? (viewerTimeZone ?? null) : null,
    inViewerZone,
    holidays: [...calendar.settings.holidays],
    cities: referenceCities.map((c) => ({ ...c, hours: calendar.weeklyHoursIn(c.timeZone, now) })),
  };
}
