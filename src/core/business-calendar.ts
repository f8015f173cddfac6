/**
 * Support hours as a business calendar (S-5). Every SLA due time (T-12 HotRush 2 h, S-4 VIP 12 h,
 * Minor 24 h, …) counts business time only, in the calendar's own time zone. Pure arithmetic: no
 * database and no clock, every "now" is passed in. Callers pause an SLA while the ticket waits on the
 * customer (S-6) by adding up businessMinutesBetween over the periods the clock ran.
 *
 * Internally everything is milliseconds since the epoch. A "local day" is a day number of the
 * calendar's wall clock (0 = 1970-01-01); a "span" is one opening [start, end) as UTC instants.
 */

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface BusinessCalendarSettings {
  /** IANA zone or a fixed offset like '+04:00'; default 'Asia/Dubai' (GMT+4, no DST). */
  timeZone: string;
  /** Working hours per ISO weekday 1=Monday … 7=Sunday: list of [start, end) as 'HH:MM' (end may be '24:00'). Missing or empty = day off. Several intervals per day allowed (e.g. lunch break). */
  hours: Partial<Record<IsoWeekday, [string, string][]>>;
  /** Holidays as local dates 'YYYY-MM-DD' in the calendar's zone: no business time that day. */
  holidays: string[];
}

/** One opening of the regular week as the viewer's wall clock shows it; end may be '24:00'. */
export interface WeeklyHours {
  weekday: IsoWeekday;
  start: string;
  end: string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

const workday = (): [string, string][] => [['09:00', '18:00']];

/** S-5 default: Monday–Friday 09:00–18:00 GMT+4 (Asia/Dubai), no holidays. Frozen: it is shared. */
export const defaultBusinessCalendar: BusinessCalendarSettings = deepFreeze({
  timeZone: 'Asia/Dubai',
  hours: { 1: workday(), 2: workday(), 3: workday(), 4: workday(), 5: workday() },
  holidays: [],
});

/** Names every problem of a calendar's settings at once, like ConfigError does for the environment. */
export class BusinessCalendarError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid business calendar:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BusinessCalendarError';
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A calendar with hours but nothing open for ten years is all holidays: stop instead of looping. */
const MAX_CLOSED_DAYS = 3660;
/** weeklyHoursIn without a date shows this week (Monday 5 January 2026), so its answer is stable. */
const REFERENCE_WEEK = new Date('2026-01-05T12:00:00Z');
const DAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Span = readonly [start: number, end: number];

/** Milliseconds to add to a UTC instant to read the zone's wall clock at that instant. */
interface Zone {
  offsetAt(utc: number): number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WALL_CLOCK_FIELDS = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
} as const;

/** An IANA zone or '±HH:MM'; null when unknown. Offsets are parsed here: Node 20's Intl refuses them. */
function parseZone(name: unknown): Zone | null {
  if (typeof name !== 'string') return null;
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(name);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3]);
    if (hours > 14 || minutes > 59) return null;
    const offset = (fixed[1] === '-' ? -1 : 1) * (hours * HOUR + minutes * MINUTE);
    return { offsetAt: () => offset };
  }
  let format = formatters.get(name);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', ...WALL_CLOCK_FIELDS });
    } catch {
      return null;
    }
    formatters.set(name, format);
  }
  const zoneFormat = format;
  return { offsetAt: (utc) => intlOffset(zoneFormat, utc) };
}

/** Reads the zone's wall clock; format() is several times faster than formatToParts(), which stays the fallback. */
function intlOffset(format: Intl.DateTimeFormat, utc: number): number {
  const second = Math.floor(utc / 1000) * 1000;
  const m = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/.exec(format.format(second));
  if (m)
    return Date.UTC(+(m[3] ?? 0), +(m[1] ?? 0) - 1, +(m[2] ?? 0), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) - second;
  const parts = format.formatToParts(second);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - second;
}

/**
 * The instant a wall-clock time of the zone names, given the offsets in force before and after a
 * possible transition. A time shown twice (autumn) is its first occurrence; a time skipped (spring)
 * is the instant the clock jumps, so 02:00–04:00 on a spring-forward night is the hour 03:00–04:00.
 */
function wallToUtc(zone: Zone, wall: number, before: number, after: number): number {
  const early = wall - before;
  const late = wall - after;
  const earlyValid = zone.offsetAt(early) === before;
  const lateValid = zone.offsetAt(late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  let lo = Math.min(early, late); // still on the old offset
  let hi = Math.max(early, late); // already on the new one
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offsetAt(mid) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

function isoWeekday(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday; // day 0, 1970-01-01, was a Thursday
}

function parseClock(text: unknown): number | null {
  if (text === '24:00') return 1440;
  const match = typeof text === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function parseLocalDate(text: unknown): number | null {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(text) ? ms / DAY : null;
}

function instantOf(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/** Per weekday, sorted non-overlapping [start, end) minutes; intervals may touch (09:00–13:00, 13:00–18:00). */
function parseHours(hours: unknown, problems: string[]): Span[][] {
  const week: Span[][] = [[], [], [], [], [], [], []];
  if (typeof hours !== 'object' || hours === null) {
    problems.push('hours must map ISO weekdays 1–7 to lists of [start, end]');
    return week;
  }
  for (const [key, intervals] of Object.entries(hours)) {
    const weekday = Number(key);
    const name = DAY_NAMES[weekday];
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7 || !name) {
      problems.push(`hours: "${key}" is not an ISO weekday 1 (Monday) … 7 (Sunday)`);
      continue;
    }
    if (intervals === undefined) continue;
    if (!Array.isArray(intervals)) {
      problems.push(`hours of ${name} must be a list of [start, end]`);
      continue;
    }
    const day: [number, number][] = [];
    for (const interval of intervals as unknown[]) {
      const [startText, endText] = Array.isArray(interval) ? (interval as unknown[]) : [];
      const start = parseClock(startText);
      const end = parseClock(endText);
      const shown = `${String(startText)}–${String(endText)}`;
      if (!Array.isArray(interval) || interval.length !== 2 || start === null || end === null || start === 1440) {
        problems.push(`hours of ${name}: ${JSON.stringify(interval)} is not a pair of times HH:MM (00:00–24:00)`);
      } else if (start >= end) {
        problems.push(`hours of ${name}: ${shown} starts at or after its end`);
      } else {
        day.push([start, end]);
      }
    }
    day.sort((a, b) => a[0] - b[0]);
    const sorted: [number, number][] = [];
    for (const [start, end] of day) {
      const last = sorted.at(-1);
      if (last && start < last[1]) {
        problems.push(
          `hours of ${name}: ${formatClock(last[0])}–${formatClock(last[1])} overlaps ${formatClock(start)}–${formatClock(end)}`,
        );
      } else sorted.push([start, end]);
    }
    week[weekday - 1] = sorted;
  }
  return week;
}

/** The business calendar of a support desk: which instants are open and how much open time lies between. */
export class BusinessCalendar {
  /** The settings in force, defaults filled in. */
  readonly settings: BusinessCalendarSettings;
  private readonly zone: Zone;
  /** Index 0 = Monday: [start, end) minutes of the local day. */
  private readonly week: Span[][];
  private readonly holidays: ReadonlySet<number>;
  private readonly hasHours: boolean;
  private readonly spanCache = new Map<number, readonly Span[]>();
  private readonly offsetSamples = new Map<number, number>();

  /** Validates everything up front and throws a BusinessCalendarError naming each problem. */
  constructor(settings: Partial<BusinessCalendarSettings> = {}) {
    const timeZone = settings.timeZone ?? defaultBusinessCalendar.timeZone;
    const hours = settings.hours ?? defaultBusinessCalendar.hours;
    const holidays = settings.holidays ?? defaultBusinessCalendar.holidays;
    const problems: string[] = [];
    const zone = parseZone(timeZone);
    if (!zone) problems.push(`timeZone "${String(timeZone)}" is neither an IANA time zone nor an offset ±HH:MM`);
    this.week = parseHours(hours, problems);
    const days = new Set<number>();
    if (!Array.isArray(holidays)) problems.push('holidays must be a list of dates YYYY-MM-DD');
    else
      for (const holiday of holidays as unknown[]) {
        const day = parseLocalDate(holiday);
        if (day === null) problems.push(`holiday ${JSON.stringify(holiday)} is not a date YYYY-MM-DD`);
        else days.add(day);
      }
    if (!zone || problems.length > 0) throw new BusinessCalendarError(problems);
    this.zone = zone;
    this.holidays = days;
    this.hasHours = this.week.some((day) => day.length > 0);
    this.settings = { timeZone, hours: structuredClone(hours), holidays: [...holidays].sort() };
  }

  /** Whether the desk is open at this instant; an opening includes its start, not its end. */
  isOpen(at: Date): boolean {
    const ms = instantOf(at, 'at');
    const day = this.localDay(ms);
    for (let d = day - 1; d <= day + 1; d++) {
      if (this.spansOf(d).some(([start, end]) => start <= ms && ms < end)) return true;
    }
    return false;
  }

  /** When an SLA counted from `at` starts running: `at` itself if open, else the next opening. */
  nextOpening(at: Date): Date {
    const ms = instantOf(at, 'at');
    for (const [start] of this.spansAfter(ms)) return new Date(Math.max(start, ms));
    throw new Error('unreachable: spansAfter never ends');
  }

  /**
   * The due time of an SLA of `minutes` business minutes counted from `start`. Time before the next
   * opening does not count; an SLA that runs out exactly at closing time is due at closing time.
   * 0 minutes from a closed instant is the next opening.
   */
  addBusinessMinutes(start: Date, minutes: number): Date {
    const from = instantOf(start, 'start');
    if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, not ${minutes}`);
    let remaining = Math.round(minutes * MINUTE);
    if (remaining === 0) return this.nextOpening(start);
    for (const [spanStart, spanEnd] of this.spansAfter(from)) {
      const begin = Math.max(spanStart, from);
      if (remaining <= spanEnd - begin) return new Date(begin + remaining);
      remaining -= spanEnd - begin;
    }
    throw new Error('unreachable: spansAfter never ends');
  }

  /** Business minutes an SLA clock runs between two instants (0 if to <= from); fractional when they are not whole minutes. */
  businessMinutesBetween(from: Date, to: Date): number {
    const fromMs = instantOf(from, 'from');
    const toMs = instantOf(to, 'to');
    if (toMs <= fromMs || !this.hasHours) return 0;
    let total = 0;
    const lastDay = this.localDay(toMs) + 1;
    for (let day = this.localDay(fromMs) - 1; day <= lastDay; day++) {
      for (const [start, end] of this.spansOf(day)) {
        const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
        if (overlap > 0) total += overlap;
      }
    }
    return total / MINUTE;
  }

  /**
   * The regular support hours (holidays aside) of one calendar week, as a customer in
   * `viewerTimeZone` reads them on their own clock (S-5), Monday first. Openings that cross the
   * viewer's midnight are split. DST moves the result, so pass an instant of the week to show
   * (usually the clock's now); without one it shows the week of Monday 5 January 2026.
   */
  weeklyHoursIn(viewerTimeZone: string, weekOf: Date = REFERENCE_WEEK): WeeklyHours[] {
    const viewer = parseZone(viewerTimeZone);
    if (!viewer)
      throw new RangeError(`viewer time zone "${viewerTimeZone}" is neither an IANA time zone nor an offset ±HH:MM`);
    const refDay = this.localDay(instantOf(weekOf, 'weekOf'));
    const monday = refDay - isoWeekday(refDay) + 1;
    const pieces: [IsoWeekday, number, number][] = [];
    for (let day = monday; day < monday + 7; day++) {
      for (const [start, end] of this.spansOf(day, false)) {
        const from = start + viewer.offsetAt(start);
        const to = end + viewer.offsetAt(end - 1); // the end is exclusive: read the clock just before it
        for (let viewerDay = Math.floor(from / DAY); viewerDay * DAY < to; viewerDay++) {
          const pieceStart = Math.round((Math.max(from, viewerDay * DAY) - viewerDay * DAY) / MINUTE);
          const pieceEnd = Math.round((Math.min(to, (viewerDay + 1) * DAY) - viewerDay * DAY) / MINUTE);
          if (pieceEnd > pieceStart) pieces.push([isoWeekday(viewerDay), pieceStart, pieceEnd]);
        }
      }
    }
    pieces.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged: [IsoWeekday, number, number][] = [];
    for (const piece of pieces) {
      const last = merged.at(-1);
      if (last && last[0] === piece[0] && piece[1] <= last[2]) last[2] = Math.max(last[2], piece[2]);
      else merged.push(piece);
    }
    return merged.map(([weekday, start, end]) => ({ weekday, start: formatClock(start), end: formatClock(end) }));
  }

  private localDay(utc: number): number {
    return Math.floor((utc + this.zone.offsetAt(utc)) / DAY);
  }

  /** The openings of one local day as UTC spans; cached because SLA jobs ask about the same days. */
  private spansOf(day: number, skipHolidays = true): readonly Span[] {
    if (skipHolidays && this.holidays.has(day)) return [];
    const cached = skipHolidays ? this.spanCache.get(day) : undefined;
    if (cached) return cached;
    const local = this.week[isoWeekday(day) - 1] ?? [];
    const spans: Span[] = [];
    if (local.length > 0) {
      const midnight = day * DAY;
      // Offsets run from −12 h to +14 h, so the day's instants lie between these two samples.
      const before = this.offsetSample(day - 2);
      const after = this.offsetSample(day + 2);
      const toUtc = (minute: number) =>
        before === after
          ? midnight + minute * MINUTE - before
          : wallToUtc(this.zone, midnight + minute * MINUTE, before, after);
      for (const [start, end] of local) {
        const span: Span = [toUtc(start), toUtc(end)];
        if (span[1] > span[0]) spans.push(span); // an opening wholly inside a skipped DST hour is empty
      }
    }
    if (skipHolidays) {
      if (this.spanCache.size >= 4096) this.spanCache.clear();
      this.spanCache.set(day, spans);
    }
    return spans;
  }

  /** The zone's offset at noon UTC of day k, memoised: neighbouring days share samples, halving Intl calls. */
  private offsetSample(k: number): number {
    let offset = this.offsetSamples.get(k);
    if (offset === undefined) {
      if (this.offsetSamples.size >= 4096) this.offsetSamples.clear();
      offset = this.zone.offsetAt(k * DAY + DAY / 2);
      this.offsetSamples.set(k, offset);
    }
    return offset;
  }

  /** Openings ending after `from`, in order, without end; throws when there can be none. */
  private *spansAfter(from: number): Generator<Span> {
    if (!this.hasHours) throw new Error('The business calendar has no working hours: no SLA due time can be computed');
    let closedDays = 0;
    for (let day = this.localDay(from) - 1; ; day++) {
      const spans = this.spansOf(day);
      closedDays = spans.length === 0 ? closedDays + 1 : 0;
      if (closedDays > MAX_CLOSED_DAYS) {
        throw new Error(
          `The business calendar has no working hours within ${MAX_CLOSED_DAYS} days after ${new Date(from).toISOString()}`,
        );
      }
      for (const span of spans) if (span[1] > from) yield span;
    }
  }
}
