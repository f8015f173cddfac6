/**
 * S-5 properties of the business calendar over random calendars (DST zones, 30-minute DST, zones
 * that change clocks at midnight, fixed offsets; several intervals a day; holidays) and random
 * instants near DST changes, weekends and holidays.
 *
 * Each run uses a fresh seed, printed when a property fails (fast-check's report gives seed and
 * path). Replay a failure with CALENDAR_SEED=<seed> [CALENDAR_PATH=<path>] npx vitest run
 * src/core/business-calendar.property.test.ts; CALENDAR_RUNS=50 runs each property 50 times as often.
 *
 * isOpen is also checked against an independent oracle that reads the wall clock through
 * Intl.formatToParts (the calendar uses format() and its own DST arithmetic).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BusinessCalendar,
  BusinessCalendarError,
  type BusinessCalendarSettings,
  type IsoWeekday,
  type WeeklyHours,
} from './business-calendar.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const seed = process.env.CALENDAR_SEED ? Number(process.env.CALENDAR_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
const path = process.env.CALENDAR_PATH;
/** CALENDAR_RUNS=<factor> multiplies every property's runs, to hunt for a bug longer than CI does. */
const factor = Number(process.env.CALENDAR_RUNS ?? 1);
const runs = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.round(numRuns * factor),
  seed,
  ...(path ? { path } : {}),
});
/** fast-check names seed and path of a failure; the seed also goes to the log in case the report is cut. */
function check<T>(property: fc.IProperty<T>, numRuns: number) {
  try {
    fc.assert(property, runs(numRuns) as fc.Parameters<T>);
  } catch (err) {
    console.error(`business-calendar properties failed with CALENDAR_SEED=${seed}`);
    throw err;
  }
}

const IANA_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe', // DST of 30 minutes: +10:30 ↔ +11:00
  'Asia/Dubai',
  'America/Santiago', // changes clocks at midnight: Saturday 24:00 is skipped or repeated
  'America/Havana', // springs forward at 00:00, falls back at 01:00
  'Pacific/Auckland',
  'Asia/Kathmandu', // +05:45
  'Antarctica/Troll', // DST of 2 hours: +00 ↔ +02
  'Pacific/Chatham', // +12:45 ↔ +13:45
  'Africa/Casablanca', // +01, and +00 during Ramadan: two changes a few weeks apart
] as const;
const FIXED_ZONES = ['+04:00', '-03:30', '+05:45', '+00:00', '-12:00', '+14:00'] as const;
const ZONES = [...IANA_ZONES, ...FIXED_ZONES];

// ---- The oracle: the zone's wall clock read through formatToParts, an independent code path. ----

const partsFormats = new Map<string, Intl.DateTimeFormat>();
/** The wall-clock reading of an instant as milliseconds of a UTC-labelled timeline. */
function wallOf(zone: string, t: number): number {
  const fixed = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (fixed) return t + (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * HOUR + Number(fixed[3]) * MINUTE);
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(zone, format);
  }
  const second = Math.floor(t / 1000) * 1000;
  const p = Object.fromEntries(format.formatToParts(second).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second) + (t - second);
}
const offsetOf = (zone: string, t: number) => wallOf(zone, t) - t;

const RANGE_START = Date.UTC(2025, 11, 1);
const RANGE_END = Date.UTC(2028, 0, 31);
/** Every offset change of the zone in RANGE (first instant on the new offset), by daily samples and bisection. */
function transitionsOf(zone: string): number[] {
  const found: number[] = [];
  let previous = offsetOf(zone, RANGE_START);
  for (let t = RANGE_START + DAY; t <= RANGE_END; t += DAY) {
    const offset = offsetOf(zone, t);
    if (offset !== previous) {
      let lo = t - DAY;
      let hi = t;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetOf(zone, mid) === previous) lo = mid;
        else hi = mid;
      }
      found.push(hi);
      previous = offset;
    }
  }
  return found;
}
const transitions = new Map<string, number[]>(ZONES.map((zone) => [zone, transitionsOf(zone)]));

/**
 * The calendar's rule on the wall clock: an interval [s, e) of local date D is open while the
 * highest wall-clock reading so far lies in [D s, D e). "Highest so far" is what makes the repeated
 * autumn hour part of an opening that runs across it (02:00–04:00 lasts 3 h) but not of one that
 * ended in its first pass (00:00–02:30 ends at the first 02:30), and a skipped time the jump's instant.
 */
function highestWall(zone: string, t: number): number {
  let highest = wallOf(zone, t);
  for (const change of transitions.get(zone) ?? []) {
    if (change <= t && change > t - 2 * DAY) highest = Math.max(highest, wallOf(zone, change - 1));
  }
  return highest;
}

const isoWeekdayOf = (localDay: number) => ((((localDay + 3) % 7) + 7) % 7) + 1;
const clockMinutes = (text: string) =>
  text === '24:00' ? 1440 : Number(text.slice(0, 2)) * 60 + Number(text.slice(3));

function oracleIsOpen(settings: BusinessCalendarSettings, t: number): boolean {
  const wall = highestWall(settings.timeZone, t);
  const day = Math.floor(wall / DAY);
  if (settings.holidays.includes(new Date(day * DAY).toISOString().slice(0, 10))) return false;
  const minute = (wall - day * DAY) / MINUTE;
  return (settings.hours[isoWeekdayOf(day) as IsoWeekday] ?? []).some(
    ([s, e]) => clockMinutes(s) <= minute && minute < clockMinutes(e),
  );
}

// ---- Generators ----

const clock = (fiveMinutes: number) =>
  `${String(Math.floor(fiveMinutes / 12)).padStart(2, '0')}:${String((fiveMinutes % 12) * 5).padStart(2, '0')}`;

/** 0–3 intervals of one day on a 5-minute grid, often touching each other, 00:00 or 24:00. */
const dayHours = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 288 }), fc.constantFrom(0, 288, 24, 108, 216)), { maxLength: 6 })
  .map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const intervals: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      const [start, end] = [sorted[i] as number, sorted[i + 1] as number];
      if (start < end) intervals.push([clock(start), clock(end)]);
    }
    return intervals;
  });

const weekHours = fc
  .tuple(dayHours, dayHours, dayHours, dayHours, dayHours, dayHours, dayHours)
  .filter((days) => days.some((d) => d.length > 0))
  .map((days) => {
    const hours: BusinessCalendarSettings['hours'] = {};
    days.forEach((day, i) => {
      if (day.length > 0) hours[(i + 1) as IsoWeekday] = day;
    });
    return hours;
  });

/** Instants the calendar finds hard: its zone's DST changes, a Friday evening, a Sunday night, a New Year. */
function anchorsOf(zone: string): number[] {
  return [
    ...(transitions.get(zone) ?? []),
    Date.UTC(2026, 0, 9, 15),
    Date.UTC(2026, 5, 14, 22),
    Date.UTC(2026, 11, 31, 20),
    Date.UTC(2027, 1, 28, 12),
    // The ends of the holiday years, in mid-January (no zone here changes clocks within days of it).
    Date.UTC(1970, 0, 15, 6),
    Date.UTC(2099, 0, 15, 18),
  ];
}

/** Near the anchor: within days, within hours, or within a couple of minutes, at millisecond precision. */
const nearby = fc.oneof(
  fc.integer({ min: -4 * DAY, max: 4 * DAY }),
  fc.integer({ min: -180, max: 180 }).map((m) => m * MINUTE),
  fc.integer({ min: -2 * MINUTE, max: 2 * MINUTE }),
);

interface Scenario {
  settings: BusinessCalendarSettings;
  calendar: BusinessCalendar;
  t: number;
  anchor: number;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    hours: weekHours,
    anchorPick: fc.nat(),
    holidayDays: fc.subarray([-3, -2, -1, 0, 1, 2, 3, 5, 8]),
    offset: nearby,
  })
  .map(({ zone, hours, anchorPick, holidayDays, offset }) => {
    const anchors = anchorsOf(zone);
    const anchor = anchors[anchorPick % anchors.length] as number;
    const localDay = Math.floor(wallOf(zone, anchor) / DAY);
    const holidays = holidayDays.map((d) => new Date((localDay + d) * DAY).toISOString().slice(0, 10));
    const settings: BusinessCalendarSettings = { timeZone: zone, hours, holidays };
    return { settings, calendar: new BusinessCalendar(settings), t: anchor + offset, anchor };
  });

/** Whole minutes, and fractions of a minute down to the millisecond (an SLA paused and resumed mid-minute). */
const minutes = fc.oneof(
  fc.integer({ min: 0, max: 600 }),
  fc.integer({ min: 0, max: 20_000 }),
  fc.constant(0),
  fc.integer({ min: 0, max: 3 * DAY }).map((ms) => ms / MINUTE),
);
const at = (ms: number) => new Date(ms);
const add = (s: Scenario, from: number, m: number) => s.calendar.addBusinessMinutes(at(from), m).getTime();

describe('S-5 business calendar properties (fast-check)', () => {
  it('S-5 isOpen agrees with reading the wall clock: the highest reading so far lies in an interval of a non-holiday date', () => {
    check(
      fc.property(scenario, fc.array(nearby, { minLength: 1, maxLength: 6 }), minutes, (s, offsets, m) => {
        // Random instants, and the instants either side of an opening and of a due time, where an
        // off-by-one (a skipped hour's jump, a repeated hour's first pass) would show.
        const opening = s.calendar.nextOpening(at(s.t)).getTime();
        const due = add(s, s.t, m);
        const instants = [...offsets.map((o) => s.anchor + o), s.t, opening - 1, opening, due - 1, due, due + 1];
        for (const t of instants) {
          expect(s.calendar.isOpen(at(t)), `${new Date(t).toISOString()}`).toBe(oracleIsOpen(s.settings, t));
        }
      }),
      150,
    );
  });

  it('S-5 businessMinutesBetween over a day agrees with counting the open 5-minute slots', () => {
    check(
      fc.property(scenario, (s) => {
        const from = Math.floor(s.t / (5 * MINUTE)) * 5 * MINUTE;
        let open = 0;
        for (let slot = from; slot < from + DAY; slot += 5 * MINUTE) if (oracleIsOpen(s.settings, slot)) open += 5;
        expect(s.calendar.businessMinutesBetween(at(from), at(from + DAY))).toBe(open);
      }),
      30,
    );
  });

  it('S-5 nextOpening(t) ≥ t is open, nothing before it is, and it is t itself when t is open', () => {
    check(
      fc.property(scenario, (s) => {
        const next = s.calendar.nextOpening(at(s.t)).getTime();
        expect(next).toBeGreaterThanOrEqual(s.t);
        expect(s.calendar.isOpen(at(next))).toBe(true);
        expect(s.calendar.businessMinutesBetween(at(s.t), at(next))).toBe(0);
        if (s.calendar.isOpen(at(s.t))) expect(next).toBe(s.t);
        else if (next - s.t > 1) expect(s.calendar.isOpen(at(next - 1))).toBe(false);
      }),
      300,
    );
  });

  it('S-5 adding business time is monotonic: m1 ≤ m2 ⇒ add(t, m1) ≤ add(t, m2)', () => {
    check(
      fc.property(scenario, minutes, minutes, (s, a, b) => {
        const [m1, m2] = a <= b ? [a, b] : [b, a];
        expect(add(s, s.t, m1)).toBeLessThanOrEqual(add(s, s.t, m2));
      }),
      300,
    );
  });

  it('S-5 adding business time is additive: add(add(t, a), b) = add(t, a + b) for b > 0; add(x, 0) is nextOpening(x)', () => {
    check(
      fc.property(scenario, minutes, minutes, (s, a, b) => {
        const first = add(s, s.t, a);
        if (b > 0) expect(add(s, first, b)).toBe(add(s, s.t, a + b));
        // 0 minutes from a closing instant is the next opening, not the closing: additivity stops there.
        else expect(add(s, first, 0)).toBe(s.calendar.nextOpening(at(first)).getTime());
      }),
      300,
    );
  });

  it('S-5 businessMinutesBetween(t, add(t, m)) = m, and the millisecond before a due time of m > 0 minutes is open', () => {
    check(
      fc.property(scenario, minutes, (s, m) => {
        const due = add(s, s.t, m);
        expect(s.calendar.businessMinutesBetween(at(s.t), at(due))).toBe(m);
        if (m > 0) {
          // A due time is inside an opening or exactly at its end (a closing), never later.
          expect(s.calendar.isOpen(at(due - 1))).toBe(true);
        } else expect(s.calendar.isOpen(at(due))).toBe(true);
      }),
      300,
    );
  });

  it('S-5 add(t, businessMinutesBetween(t, u)) is u when the millisecond before u is open, else the last closing before u; with no business time between, the next opening after u', () => {
    check(
      fc.property(scenario, nearby, (s, delta) => {
        const u = s.t + Math.abs(delta);
        const spent = s.calendar.businessMinutesBetween(at(s.t), at(u));
        const back = add(s, s.t, spent);
        if (spent === 0) {
          expect(back).toBe(s.calendar.nextOpening(at(s.t)).getTime());
          expect(back).toBeGreaterThanOrEqual(u);
        } else if (s.calendar.isOpen(at(u - 1))) {
          expect(back).toBe(u);
        } else {
          expect(back).toBeLessThan(u);
          expect(s.calendar.isOpen(at(back - 1))).toBe(true);
          expect(s.calendar.isOpen(at(back))).toBe(false);
          expect(s.calendar.businessMinutesBetween(at(back), at(u))).toBe(0);
        }
      }),
      300,
    );
  });

  it('S-5 the settings a calendar keeps build the same calendar again', () => {
    check(
      fc.property(scenario, (s) => {
        const again = new BusinessCalendar(s.calendar.settings);
        expect(again.settings).toEqual(s.calendar.settings);
        expect(again.nextOpening(at(s.t)).getTime()).toBe(s.calendar.nextOpening(at(s.t)).getTime());
      }),
      100,
    );
  });
});

describe('S-5 weekly hours in the viewer’s zone (fast-check)', () => {
  const viewerZone = fc.constantFrom(...ZONES, 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo');
  /** Weekly hours as the hours of a calendar setting. */
  const hoursOf = (shown: WeeklyHours[]) => {
    const hours: BusinessCalendarSettings['hours'] = {};
    for (const h of shown) {
      const day = hours[h.weekday] ?? [];
      day.push([h.start, h.end]);
      hours[h.weekday] = day;
    }
    return hours;
  };
  const weekMinutes = (hours: { start: string; end: string }[]) =>
    hours.reduce((sum, h) => sum + clockMinutes(h.end) - clockMinutes(h.start), 0);
  const configuredMinutes = (settings: BusinessCalendarSettings) =>
    Object.values(settings.hours).reduce(
      (sum, day) => sum + (day ?? []).reduce((d, [s, e]) => d + clockMinutes(e) - clockMinutes(s), 0),
      0,
    );
  /** Whether either zone changes its offset within the calendar's local week of t (two days' margin). */
  const changesDuring = (zones: string[], t: number) =>
    zones.some((zone) => (transitions.get(zone) ?? []).some((c) => Math.abs(c - t) < 10 * DAY));

  it('S-5 weekly hours are valid hours of the viewer’s zone in every week: sorted, non-empty, not overlapping or touching, accepted by a calendar', () => {
    check(
      fc.property(scenario, viewerZone, (s, viewer) => {
        const shown = s.calendar.weeklyHoursIn(viewer, at(s.t));
        for (const [i, h] of shown.entries()) {
          expect(clockMinutes(h.start)).toBeLessThan(clockMinutes(h.end));
          const next = shown[i + 1];
          if (next && next.weekday === h.weekday) expect(clockMinutes(h.end)).toBeLessThan(clockMinutes(next.start));
          if (next) expect(next.weekday).toBeGreaterThanOrEqual(h.weekday);
        }
        const hours = hoursOf(shown);
        expect(() => new BusinessCalendar({ timeZone: viewer, hours, holidays: [] })).not.toThrow();
      }),
      120,
    );
  });

  it('S-5 in a week without clock changes in either zone the viewer sees as many minutes as the calendar’s own week has, open at the same instants', () => {
    check(
      fc.property(
        scenario.filter((s) => !changesDuring([s.settings.timeZone], s.t)),
        viewerZone,
        fc.array(fc.integer({ min: -3 * DAY, max: 3 * DAY }), { minLength: 1, maxLength: 8 }),
        (s, viewer, offsets) => {
          fc.pre(!changesDuring([viewer], s.t));
          const shown = s.calendar.weeklyHoursIn(viewer, at(s.t));
          expect(weekMinutes(shown)).toBe(configuredMinutes(s.settings));
          const hours = hoursOf(shown);
          const seen = new BusinessCalendar({ timeZone: viewer, hours, holidays: [] });
          const regular = new BusinessCalendar({ ...s.settings, holidays: [] });
          for (const offset of offsets) {
            const t = s.t + offset;
            expect(seen.isOpen(at(t)), new Date(t).toISOString()).toBe(regular.isOpen(at(t)));
          }
        },
      ),
      150,
    );
  });

  it('S-5 in a week the calendar’s zone changes clocks, a fixed-offset viewer sees that week’s real openings: open at the same instants, as many minutes as the week really has', () => {
    const dstScenario = scenario.filter(
      (s) => IANA_ZONES.includes(s.settings.timeZone as never) && changesDuring([s.settings.timeZone], s.t),
    );
    check(
      fc.property(
        dstScenario,
        fc.constantFrom(...FIXED_ZONES),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (s, viewer, fractions) => {
          const zone = s.settings.timeZone;
          const localDay = Math.floor(wallOf(zone, s.t) / DAY);
          const monday = localDay - isoWeekdayOf(localDay) + 1;
          const weekStart = monday * DAY - offsetOf(zone, monday * DAY);
          const weekEnd = (monday + 7) * DAY - offsetOf(zone, (monday + 7) * DAY);
          const shown = s.calendar.weeklyHoursIn(viewer, at(s.t));
          const hours = hoursOf(shown);
          const seen = new BusinessCalendar({ timeZone: viewer, hours, holidays: [] });
          const regular = new BusinessCalendar({ ...s.settings, holidays: [] });
          // The viewer's week repeats every 7 × 24 h, the calendar's DST week is longer or shorter by the
          // change (up to 2 h in Troll): only instants whose week-earlier and week-later twins both lie
          // outside the calendar's week can be compared, [start + change, start + 7 days) for a long week.
          const longer = Math.max(0, weekEnd - weekStart - 7 * DAY);
          const from = weekStart + longer + 30 * MINUTE;
          const to = Math.min(weekStart + 7 * DAY, weekEnd) - 30 * MINUTE;
          for (const f of fractions) {
            const t = Math.round(from + f * (to - from));
            expect(seen.isOpen(at(t)), new Date(t).toISOString()).toBe(regular.isOpen(at(t)));
          }
          const real = regular.businessMinutesBetween(at(weekStart), at(weekEnd));
          // A week an hour longer than 7 × 24 h may show its first and last hour on the same wall times.
          if (weekEnd - weekStart <= 7 * DAY) expect(weekMinutes(shown)).toBe(real);
          else expect(weekMinutes(shown)).toBeLessThanOrEqual(real);
        },
      ),
      150,
    );
  });
});

describe('S-5 calendar validation (fast-check)', () => {
  const time = fc.oneof(
    fc.integer({ min: 0, max: 288 }).map(clock),
    fc.constantFrom('24:00', '9:00', '24:01', '12:60', '', 'noon'),
  );
  const interval = fc.oneof(
    fc.tuple(time, time),
    fc.constantFrom<unknown>(['09:00'], null, 'all day', ['09:00', '10:00', '11:00']),
  );
  const messy = fc.record({
    timeZone: fc.constantFrom(...ZONES, 'Mars/Olympus', '+15:00', ''),
    hours: fc.dictionary(
      fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '0', '8', '01'),
      fc.oneof(fc.array(interval, { maxLength: 12 }), fc.constant<unknown>('closed')),
      { maxKeys: 4 },
    ),
    holidays: fc.array(
      fc.oneof(
        fc
          .date({ min: new Date('1960-01-01'), max: new Date('2110-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom('2026-02-30', 'tomorrow'),
      ),
      { maxLength: 6 },
    ),
  });
  /** What a field path names in the settings, or undefined when it names nothing. */
  const resolve = (settings: Record<string, unknown>, field: string): unknown =>
    field.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], settings);

  it('S-5 any settings either make a calendar or throw a BusinessCalendarError whose every problem names a field that exists in them', () => {
    check(
      fc.property(messy, (settings) => {
        let calendar: BusinessCalendar;
        try {
          calendar = new BusinessCalendar(settings as unknown as BusinessCalendarSettings);
        } catch (err) {
          expect(err).toBeInstanceOf(BusinessCalendarError);
          const { fieldProblems, problems } = err as BusinessCalendarError;
          expect(problems.length).toBeGreaterThan(0);
          expect(problems).toEqual(fieldProblems.map((p) => p.message));
          for (const { field } of fieldProblems) {
            expect(field).toMatch(/^(timeZone|hours(\.[^.]+(\.\d+)?)?|holidays(\.\d+)?)$/);
            expect(resolve(settings, field), field).not.toBeUndefined();
          }
          return;
        }
        // Accepted: the week, read in the calendar's own zone, has exactly the configured minutes.
        const configured = Object.values(settings.hours as Record<string, [string, string][]>)
          .flat()
          .reduce((sum, [s, e]) => sum + clockMinutes(e) - clockMinutes(s), 0);
        const shown = calendar.weeklyHoursIn(settings.timeZone, new Date(Date.UTC(2026, 0, 14)));
        expect(shown.reduce((sum, h) => sum + clockMinutes(h.end) - clockMinutes(h.start), 0)).toBe(configured);
        expect(calendar.settings.holidays).toEqual([...new Set(settings.holidays)].sort());
      }),
      300,
    );
  });
});
