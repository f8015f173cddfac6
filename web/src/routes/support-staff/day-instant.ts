import { viewerTimeZone } from '../../format';

const DAY = 86_400_000;

/** Milliseconds to add to a UTC instant to read the zone's wall clock. */
function offsetAt(utc: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(utc);
  const n = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return (
    Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(utc / 1000) * 1000
  );
}

/**
 * A plan that runs "until 31 March" lasts through that day on the viewer's clock: the instant of the
 * next midnight there, as ISO.
 */
export function endOfDay(day: string, zone = viewerTimeZone()): string {
  const midnight = Date.parse(`${day}T00:00:00Z`) + DAY;
  return new Date(midnight - offsetAt(midnight, zone)).toISOString();
}

/** The last day an end instant covers, on the viewer's clock ('YYYY-MM-DD'), for a date input. */
export function lastDay(iso: string | null, zone = viewerTimeZone()): string {
  if (!iso) return '';
  const at = Date.parse(iso) - 1;
  return new Date(at + offsetAt(at, zone)).toISOString().slice(0, 10);
}
