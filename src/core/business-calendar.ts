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

/** One problem of a calendar's settings: the settings field it belongs to (`hours.1.0` = Monday's first interval) and what is wrong. */
export interface BusinessCalendarProblem {
  /** Path into BusinessCalendarSettings as a form names it: `timeZone`, `hours`, `hours.3`, `hours.3.1`, `holidays`, `holidays.4`. */
  field: string;
  /** Names the day and interval (or the holiday) itself, so it reads alone too: "Monday 09:00–13:00 overlaps 12:00–18:00". */
  message: string;
}

/** Names every problem of a calendar's settings at once, like ConfigError does for the environment. */
export class BusinessCalendarError extends Error {
  /** The messages alone, in the order found. */
  readonly problems: string[];

  constructor(public readonly fieldProblems: BusinessCalendarProblem[]) {
    const problems = fieldProblems.map((p) => p.message);
    super(`Invalid business calendar:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'BusinessCalendarError';
    this.problems = problems;
  }
}

/** More intervals on one day than any desk needs: refused, so that a bad import cannot slow every SLA computation. */
export const MAX_INTERVALS_PER_DAY = 10;
/** More holidays than fifty years of public holidays: refused for the same reason. */
export const MAX_HOLIDAYS = 500;
/** Holidays are dates of these years (inclusive); a date outside is a typo, not a holiday. */
export const HOLIDAY_YEARS = [1970, 2100] as const;

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

/**
 * Per weekday, sorted non-overlapping [start, end) minutes; intervals may touch (09:00–13:00, 13:00–18:00).
 * Problems name the field as given: `hours.<weekday key>.<index in the given list>`.
 */
function parseHours(hours: unknown, problems: BusinessCalendarProblem[]): Span[][] {
  const week: Span[][] = [[], [], [], [], [], [], []];
  if (typeof hours !== 'object' || hours === null || Array.isArray(hours)) {
    problems.push({ field: 'hours', message: 'hours must map ISO weekdays 1–7 to lists of [start, end]' });
    return week;
  }
  let given = 0;
  for (const [key, intervals] of Object.entries(hours)) {
    const weekday = Number(key);
    const name = DAY_NAMES[weekday];
    if (Array.isArray(intervals)) given += intervals.length; // even under a bad key: it is not "no hours"
    if (!/^[1-7]$/.test(key) || !name) {
      problems.push({
        field: `hours.${key}`,
        message: `hours: "${key}" is not an ISO weekday 1 (Monday) … 7 (Sunday)`,
      });
      continue;
    }
    if (intervals === undefined) continue;
    if (!Array.isArray(intervals)) {
      problems.push({ field: `hours.${key}`, message: `${name}: the hours must be a list of [start, end]` });
      continue;
    }
    if (intervals.length > MAX_INTERVALS_PER_DAY) {
      problems.push({
        field: `hours.${key}`,
        message: `${name} has ${intervals.length} intervals; at most ${MAX_INTERVALS_PER_DAY} are allowed`,
      });
    }
    const day: { start: number; end: number; index: number }[] = [];
    (intervals as unknown[]).forEach((interval, index) => {
      const field = `hours.${key}.${index}`;
      const [startText, endText] = Array.isArray(interval) ? (interval as unknown[]) : [];
      const start = parseClock(startText);
      const end = parseClock(endText);
      const shown = `${String(startText)}–${String(endText)}`;
      if (!Array.isArray(interval) || interval.length !== 2 || start === null || end === null || start === 1440) {
        problems.push({
          field,
          message: `${name}: ${JSON.stringify(interval)} is not a pair of times HH:MM (00:00–24:00)`,
        });
      } else if (start === end) {
        problems.push({ field, message: `${name} ${shown} is empty` });
      } else if (start > end) {
        problems.push({ field, message: `${name} ${shown} ends before it starts` });
      } else {
        day.push({ start, end, index });
      }
    });
    day.sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
    const sorted: Span[] = [];
    // The interval reaching furthest so far: every later one that starts before its end overlaps it.
    let reach: (typeof day)[number] | undefined;
    for (const interval of day) {
      if (reach && interval.start < reach.end) {
        const [first, second] = [reach, interval];
        problems.push({
          // The one entered later is the one to correct.
          field: `hours.${key}.${Math.max(first.index, second.index)}`,
          message: `${name} ${formatClock(first.start)}–${formatClock(first.end)} overlaps ${formatClock(second.start)}–${formatClock(second.end)}`,
        });
      } else sorted.push([interval.start, interval.end]);
      if (!reach || interval.end > reach.end) reach = interval;
    }
    week[weekday - 1] = sorted;
  }
  if (given === 0) {
    problems.push({
      field: 'hours',
      message: 'There are no working hours on any day: give at least one day an interval',
    });
  }
  return week;
}

/** The holidays as local day numbers, duplicates dropped; problems name `holidays.<index>`. */
function parseHolidays(holidays: unknown, problems: BusinessCalendarProblem[]): Set<number> {
  const days = new Set<number>();
  if (!Array.isArray(holidays)) {
    problems.push({ field: 'holidays', message: 'holidays must be a list of dates YYYY-MM-DD' });
    return days;
  }
  const [firstYear, lastYear] = HOLIDAY_YEARS;
  (holidays as unknown[]).forEach((holiday, index) => {
    const field = `holidays.${index}`;
    const day = parseLocalDate(holiday);
    if (day === null) problems.push({ field, message: `holiday ${JSON.stringify(holiday)} is not a date YYYY-MM-DD` });
    else if (Number((holiday as string).slice(0, 4)) < firstYear || Number((holiday as string).slice(0, 4)) > lastYear)
      problems.push({ field, message: `holiday ${holiday as string} is outside the years ${firstYear}–${lastYear}` });
    else days.add(day);
  });
  if (days.size > MAX_HOLIDAYS)
    problems.push({
      field: 'holidays',
      message: `${days.size} holidays are too many; at most ${MAX_HOLIDAYS} are allowed`,
    });
  return days;
}

/** The business calendar of a support desk: which instants are open and how much open time lies between. */
export class BusinessCalendar {
  /** The settings in force, defaults filled in. */
  readonly settings: BusinessCalendarSettings;
  private readonly zone: Zone;
  /** Index 0 = Monday: [start, end) minutes of the local day. */
  private readonly week: Span[][];
  private readonly holidays: ReadonlySet<number>;
  private readonly spanCache = new Map<number, readonly Span[]>();
  private readonly offsetSamples = new Map<number, number>();

  /**
   * Validates everything up front and throws a BusinessCalendarError naming each problem: a bad zone,
   * times that are not HH:MM, an empty or reversed interval, overlapping intervals of one day, more
   * than MAX_INTERVALS_PER_DAY intervals on a day, no working hours at all, a holiday that is not a
   * date of HOLIDAY_YEARS, more than MAX_HOLIDAYS holidays. Repeated holidays count once.
   */
  constructor(settings: Partial<BusinessCalendarSettings> = {}) {
    const timeZone = settings.timeZone ?? defaultBusinessCalendar.timeZone;
    const hours = settings.hours ?? defaultBusinessCalendar.hours;
    const holidays = settings.holidays ?? defaultBusinessCalendar.holidays;
    const problems: BusinessCalendarProblem[] = [];
    const zone = parseZone(timeZone);
    if (!zone)
      problems.push({
        field: 'timeZone',
        message: `timeZone "${String(timeZone)}" is neither an IANA time zone nor an offset ±HH:MM`,
      });
    this.week = parseHours(hours, problems);
    const days = parseHolidays(holidays, problems);
    if (!zone || problems.length > 0) throw new BusinessCalendarError(problems);
    this.zone = zone;
    this.holidays = days;
    this.settings = { timeZone, hours: structuredClone(hours), holidays: [...new Set(holidays)].sort() };
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
    if (toMs <= fromMs) return 0;
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
