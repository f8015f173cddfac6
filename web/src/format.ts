/** How the UI writes sizes, dates and times: one place, so every page shows them alike. */

/** A size in bytes: "512 B", "3.4 KB", "12.0 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The zone every time is shown in: the viewer's own setting (profile or staff user) once the frame
 * knows it, else the browser's. Set by the signed-in frames; pages read it through the formatters.
 */
let viewerZone: string | undefined;

/** The browser's own zone, e.g. "Europe/Berlin". */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Sets the zone of the signed-in viewer; null or an unknown name falls back to the browser's. */
export function setViewerTimeZone(zone: string | null | undefined) {
  if (zone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      viewerZone = zone;
      return;
    } catch {
      // an unknown name: the browser's zone is the better guess
    }
  }
  viewerZone = undefined;
}

/** The zone times are shown in now. */
export const viewerTimeZone = (): string => viewerZone ?? browserTimeZone();

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'datetime' | 'date' | 'time', zone: string): Intl.DateTimeFormat {
  const key = `${kind}|${zone}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { dateStyle: 'medium' }
        : kind === 'time'
          ? { timeStyle: 'short' }
          : { dateStyle: 'medium', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    dateTimeFormats.set(key, f);
  }
  return f;
}

/** The short name of the viewer's zone at an instant: "CET", "GMT+4", "UTC". */
export function zoneName(at: Date = new Date(), zone = viewerTimeZone()): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** An instant (ISO 8601) as date, time and zone in the viewer's zone: "3 Dec 2026, 14:05 CET". */
export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const at = new Date(iso);
  return `${formatter('datetime', viewerTimeZone()).format(at)} ${zoneName(at)}`;
}

/** An instant (ISO 8601) as a date in the viewer's zone. */
export function formatDate(iso: string): string {
  return formatter('date', viewerTimeZone()).format(new Date(iso));
}

/** An instant as a time of day with zone in the viewer's zone: "14:05 CET". */
export function formatTime(iso: string): string {
  const at = new Date(iso);
  return `${formatter('time', viewerTimeZone()).format(at)} ${zoneName(at)}`;
}

/** A calendar day ('YYYY-MM-DD', no time zone) as the browser writes dates. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

/**
 * An instant relative to `now` for recent times ("5 min ago", "in 3 days"), the date beyond a week:
 * what the ticket tools of the field show in lists.
 */
export function formatRelative(iso: string, now: Date = new Date()): string {
  let delta = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Math.abs(delta) < 45) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(delta) < size) return relative.format(Math.round(delta), unit);
    delta /= size;
  }
  return formatDate(iso);
}

/** A span of seconds as the largest two units: "3 d 4 h", "2 h 5 min", "40 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return h ? `${d} d ${h} h` : `${d} d`;
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  return `${Math.max(m, s > 0 ? 1 : 0)} min`;
}

/** The calendar day (UTC) of an ISO 8601 instant: '2026-03-02'. */
export function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** Today as 'YYYY-MM-DD' (UTC), the value of an empty date input. */
export function today(): string {
  return dayOf(new Date().toISOString());
}
