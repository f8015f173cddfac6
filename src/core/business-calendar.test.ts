import { describe, expect, it } from 'vitest';
import { BusinessCalendar, BusinessCalendarError, defaultBusinessCalendar } from './business-calendar.js';

// January 2026: Monday 5, Friday 9, Saturday 10, Monday 12. Dubai is GMT+4 all year.
const dubai = (local: string) => new Date(`${local}:00+04:00`);
const utc = (instant: string) => new Date(`${instant}Z`);
const calendar = new BusinessCalendar();
const due = (cal: BusinessCalendar, start: Date, minutes: number) =>
  cal.addBusinessMinutes(start, minutes).toISOString();
const weekdays = (hours: [string, string][]) => ({ 1: hours, 2: hours, 3: hours, 4: hours, 5: hours });

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const problemsOf = (settings: ConstructorParameters<typeof BusinessCalendar>[0]): string[] => {
  try {
    new BusinessCalendar(settings);
  } catch (err) {
    expect(err).toBeInstanceOf(BusinessCalendarError);
    return (err as BusinessCalendarError).problems;
  }
  throw new Error(`BusinessCalendar accepted ${JSON.stringify(settings)}`);
};

describe('S-5 the default calendar: Monday–Friday 09:00–18:00 at GMT+4', () => {
  it('S-5 the default calendar is Monday–Friday 09:00–18:00 in Asia/Dubai without holidays, and it is frozen', () => {
    expect(defaultBusinessCalendar.timeZone).toBe('Asia/Dubai');
    expect(defaultBusinessCalendar.holidays).toEqual([]);
    expect(Object.keys(defaultBusinessCalendar.hours)).toEqual(['1', '2', '3', '4', '5']);
    expect(defaultBusinessCalendar.hours[1]).toEqual([['09:00', '18:00']]);
    expect(Object.isFrozen(defaultBusinessCalendar.hours[5])).toBe(true);
    expect(calendar.settings.timeZone).toBe('Asia/Dubai');
    expect(calendar.weeklyHoursIn('Asia/Dubai')).toEqual(
      [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '18:00' })),
    );
  });

  it('S-5 09:00 is open and 18:00 is closed: an opening includes its start, not its end', () => {
    expect(calendar.isOpen(new Date(dubai('2026-01-06T09:00').getTime() - 1))).toBe(false);
    expect(calendar.isOpen(dubai('2026-01-06T09:00'))).toBe(true);
    expect(calendar.isOpen(dubai('2026-01-06T17:59'))).toBe(true);
    expect(calendar.isOpen(dubai('2026-01-06T18:00'))).toBe(false);
    expect(calendar.isOpen(dubai('2026-01-10T12:00'))).toBe(false); // Saturday
    expect(calendar.isOpen(utc('2026-01-06T05:00'))).toBe(true); // 09:00 in Dubai
  });

  it('T-12 a HotRush 2-hour due time submitted Friday 17:30 Dubai time falls Monday 10:30', () => {
    expect(due(calendar, dubai('2026-01-09T17:30'), 120)).toBe(dubai('2026-01-12T10:30').toISOString());
  });

  it('T-12 a HotRush ticket submitted inside hours is due 2 wall-clock hours later', () => {
    expect(due(calendar, dubai('2026-01-06T10:15'), 120)).toBe(dubai('2026-01-06T12:15').toISOString());
    const withSeconds = new Date('2026-01-06T10:15:42.123+04:00');
    expect(due(calendar, withSeconds, 120)).toBe(new Date('2026-01-06T12:15:42.123+04:00').toISOString());
  });

  it('S-5 a ticket submitted before opening starts its clock at 09:00', () => {
    expect(due(calendar, dubai('2026-01-06T07:00'), 120)).toBe(dubai('2026-01-06T11:00').toISOString());
    expect(due(calendar, utc('2026-01-06T00:00'), 120)).toBe(dubai('2026-01-06T11:00').toISOString());
  });

  it('S-5 a ticket submitted after closing starts its clock at the next opening', () => {
    expect(due(calendar, dubai('2026-01-06T19:00'), 120)).toBe(dubai('2026-01-07T11:00').toISOString());
    expect(due(calendar, dubai('2026-01-06T23:59'), 1)).toBe(dubai('2026-01-07T09:01').toISOString());
  });

  it('S-5 a ticket submitted at the weekend starts its clock on Monday 09:00', () => {
    expect(due(calendar, dubai('2026-01-10T12:00'), 60)).toBe(dubai('2026-01-12T10:00').toISOString());
    expect(due(calendar, dubai('2026-01-11T23:59'), 60)).toBe(dubai('2026-01-12T10:00').toISOString());
  });

  it('S-5 submitted exactly at 18:00 counts from the next morning; exactly at 09:00 it counts at once', () => {
    expect(due(calendar, dubai('2026-01-06T18:00'), 30)).toBe(dubai('2026-01-07T09:30').toISOString());
    expect(due(calendar, dubai('2026-01-06T09:00'), 30)).toBe(dubai('2026-01-06T09:30').toISOString());
    expect(due(calendar, dubai('2026-01-09T18:00'), 30)).toBe(dubai('2026-01-12T09:30').toISOString());
  });

  it('S-5 a due time that runs out exactly at closing is 18:00 that day, not the next morning', () => {
    expect(due(calendar, dubai('2026-01-05T09:00'), 540)).toBe(dubai('2026-01-05T18:00').toISOString());
    expect(due(calendar, dubai('2026-01-09T17:00'), 60)).toBe(dubai('2026-01-09T18:00').toISOString());
  });

  it('S-5 24 business hours (Minor) are 2 days and 6 hours of wall time: Monday 10:00 → Wednesday 16:00', () => {
    const start = dubai('2026-01-05T10:00');
    const end = calendar.addBusinessMinutes(start, 24 * 60);
    expect(end.toISOString()).toBe(dubai('2026-01-07T16:00').toISOString());
    expect(end.getTime() - start.getTime()).toBe((2 * 24 + 6) * 3600_000);
  });

  it('S-4 a VIP 12-hour due time from Thursday 15:00 falls at Friday 18:00; from 15:01 it is Monday 09:01', () => {
    expect(due(calendar, dubai('2026-01-08T15:00'), 12 * 60)).toBe(dubai('2026-01-09T18:00').toISOString());
    expect(due(calendar, dubai('2026-01-08T15:01'), 12 * 60)).toBe(dubai('2026-01-12T09:01').toISOString());
  });

  it('S-5 0 business minutes from a closed instant is the next opening; from an open instant it is that instant', () => {
    expect(due(calendar, dubai('2026-01-09T18:00'), 0)).toBe(dubai('2026-01-12T09:00').toISOString());
    expect(due(calendar, dubai('2026-01-07T11:11'), 0)).toBe(dubai('2026-01-07T11:11').toISOString());
  });

  it('S-5 nextOpening is the instant itself when open and the next 09:00 otherwise', () => {
    expect(calendar.nextOpening(dubai('2026-01-07T11:11')).toISOString()).toBe(dubai('2026-01-07T11:11').toISOString());
    expect(calendar.nextOpening(dubai('2026-01-09T18:00')).toISOString()).toBe(dubai('2026-01-12T09:00').toISOString());
    expect(calendar.nextOpening(dubai('2026-01-07T08:59')).toISOString()).toBe(dubai('2026-01-07T09:00').toISOString());
  });

  it('S-6 businessMinutesBetween counts only open time, is 0 when to <= from, and keeps fractions of a minute', () => {
    expect(calendar.businessMinutesBetween(dubai('2026-01-09T17:00'), dubai('2026-01-12T10:00'))).toBe(120);
    expect(calendar.businessMinutesBetween(dubai('2026-01-12T10:00'), dubai('2026-01-09T17:00'))).toBe(0);
    expect(calendar.businessMinutesBetween(dubai('2026-01-12T10:00'), dubai('2026-01-12T10:00'))).toBe(0);
    expect(calendar.businessMinutesBetween(dubai('2026-01-10T00:00'), dubai('2026-01-12T00:00'))).toBe(0);
    expect(calendar.businessMinutesBetween(dubai('2026-01-05T00:00'), dubai('2026-01-12T00:00'))).toBe(5 * 540);
    expect(calendar.businessMinutesBetween(new Date('2026-01-05T09:00:30+04:00'), dubai('2026-01-05T09:01'))).toBe(0.5);
  });
});

describe('S-5 holidays', () => {
  it('S-5 a Monday holiday pushes a Friday-evening HotRush ticket to Tuesday 11:00', () => {
    const withHoliday = new BusinessCalendar({ holidays: ['2026-01-12'] });
    expect(due(withHoliday, dubai('2026-01-09T18:30'), 120)).toBe(dubai('2026-01-13T11:00').toISOString());
    expect(withHoliday.isOpen(dubai('2026-01-12T12:00'))).toBe(false);
    expect(withHoliday.nextOpening(dubai('2026-01-12T08:00')).toISOString()).toBe(
      dubai('2026-01-13T09:00').toISOString(),
    );
    expect(withHoliday.businessMinutesBetween(dubai('2026-01-09T18:00'), dubai('2026-01-13T18:00'))).toBe(540);
  });

  it('S-5 a holiday is a local date of the calendar zone, not a UTC date', () => {
    const mondays = new BusinessCalendar({ hours: { 1: [['00:00', '24:00']] }, holidays: ['2026-01-12'] });
    expect(mondays.isOpen(utc('2026-01-04T20:30'))).toBe(true); // Monday 5th 00:30 in Dubai
    expect(mondays.isOpen(utc('2026-01-11T20:30'))).toBe(false); // Monday 12th 00:30 in Dubai: the holiday
    expect(mondays.isOpen(utc('2026-01-12T12:00'))).toBe(false); // Monday 12th 16:00 in Dubai
    expect(mondays.isOpen(utc('2026-01-12T20:30'))).toBe(false); // Tuesday 00:30 in Dubai, a day off
    expect(mondays.nextOpening(utc('2026-01-11T00:00')).toISOString()).toBe(utc('2026-01-18T20:00').toISOString());
  });

  it('S-5 a whole week of holidays is skipped', () => {
    const holidayWeek = new BusinessCalendar({
      holidays: ['2026-01-16', '2026-01-12', '2026-01-13', '2026-01-14', '2026-01-15'],
    });
    expect(due(holidayWeek, dubai('2026-01-09T17:00'), 120)).toBe(dubai('2026-01-19T10:00').toISOString());
    expect(holidayWeek.settings.holidays).toEqual([
      '2026-01-12',
      '2026-01-13',
      '2026-01-14',
      '2026-01-15',
      '2026-01-16',
    ]);
  });
});

describe('S-5 properties', () => {
  const cases: [string, BusinessCalendar][] = [
    [
      'the default calendar with holidays',
      new BusinessCalendar({ holidays: ['2026-01-01', '2026-03-20', '2026-12-02', '2027-01-01'] }),
    ],
    [
      'a Berlin calendar with a lunch break across DST changes',
      new BusinessCalendar({
        timeZone: 'Europe/Berlin',
        hours: weekdays([
          ['09:00', '13:00'],
          ['14:00', '18:00'],
        ]),
        holidays: ['2026-12-25'],
      }),
    ],
    [
      'a night shift in New York',
      new BusinessCalendar({
        timeZone: 'America/New_York',
        hours: { 1: [['20:00', '24:00']], 2: [['00:00', '04:00']], 6: [['00:30', '02:30']], 7: [['01:00', '03:00']] },
      }),
    ],
  ];

  it.each(cases)(
    'S-5 businessMinutesBetween is the inverse of addBusinessMinutes over 200 seeded random cases: %s',
    (_, cal) => {
      const random = seeded(20260105);
      const from = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 0; i < 200; i++) {
        const start = new Date(from + Math.floor(random() * 2 * 365 * 86400_000));
        const minutes = Math.floor(random() * 20_000);
        const end = cal.addBusinessMinutes(start, minutes);
        const replay = `case ${i}: ${start.toISOString()} + ${minutes} min = ${end.toISOString()}`;
        expect(cal.businessMinutesBetween(start, end), replay).toBe(minutes);
        expect(end.getTime(), replay).toBeGreaterThanOrEqual(start.getTime());
        if (minutes > 0) expect(cal.isOpen(new Date(end.getTime() - 1)), replay).toBe(true);
        const later = new Date(start.getTime() + Math.floor(random() * 30 * 86400_000));
        const spent = cal.businessMinutesBetween(start, later);
        expect(cal.addBusinessMinutes(start, spent).getTime(), replay).toBeLessThanOrEqual(
          Math.max(later.getTime(), cal.nextOpening(start).getTime()),
        );
      }
    },
  );
});

describe('S-5 split days', () => {
  const lunch = new BusinessCalendar({
    hours: weekdays([
      ['09:00', '13:00'],
      ['14:00', '18:00'],
    ]),
  });

  it('S-5 a lunch break 13:00–14:00 pauses the clock', () => {
    expect(due(lunch, dubai('2026-01-05T12:00'), 120)).toBe(dubai('2026-01-05T15:00').toISOString());
    expect(due(lunch, dubai('2026-01-05T12:00'), 60)).toBe(dubai('2026-01-05T13:00').toISOString());
    expect(due(lunch, dubai('2026-01-05T13:30'), 1)).toBe(dubai('2026-01-05T14:01').toISOString());
    expect(lunch.isOpen(dubai('2026-01-05T13:00'))).toBe(false);
    expect(lunch.isOpen(dubai('2026-01-05T13:59'))).toBe(false);
    expect(lunch.isOpen(dubai('2026-01-05T14:00'))).toBe(true);
    expect(lunch.businessMinutesBetween(dubai('2026-01-05T00:00'), dubai('2026-01-06T00:00'))).toBe(480);
  });

  it('S-5 touching intervals make one opening and a night shift to 24:00 continues at 00:00 the next day', () => {
    const nights = new BusinessCalendar({
      hours: {
        1: [
          ['18:00', '21:00'],
          ['21:00', '24:00'],
        ],
        2: [['00:00', '06:00']],
      },
    });
    expect(due(nights, dubai('2026-01-05T23:00'), 120)).toBe(dubai('2026-01-06T01:00').toISOString());
    expect(nights.isOpen(dubai('2026-01-06T00:00'))).toBe(true);
    expect(nights.isOpen(dubai('2026-01-05T21:00'))).toBe(true);
    expect(nights.businessMinutesBetween(dubai('2026-01-05T00:00'), dubai('2026-01-07T00:00'))).toBe(720);
    expect(nights.weeklyHoursIn('Asia/Dubai')).toEqual([
      { weekday: 1, start: '18:00', end: '24:00' },
      { weekday: 2, start: '00:00', end: '06:00' },
    ]);
  });
});

describe('S-5 time zones with daylight saving time', () => {
  // 2026: Europe changes to summer time on Sunday 29 March, back on Sunday 25 October.
  const berlin = new BusinessCalendar({ timeZone: 'Europe/Berlin' });

  it('S-5 a 09:00–18:00 day in Europe/Berlin is 9 hours on both sides of the March and October changes', () => {
    const days: [string, string, string][] = [
      ['2026-03-27T00:00', '2026-03-27T08:00', '2026-03-27T17:00'], // Friday, CET
      ['2026-03-28T00:00', '2026-03-30T07:00', '2026-03-30T16:00'], // Monday, CEST
      ['2026-10-23T00:00', '2026-10-23T07:00', '2026-10-23T16:00'], // Friday, CEST
      ['2026-10-24T00:00', '2026-10-26T08:00', '2026-10-26T17:00'], // Monday, CET
    ];
    for (const [from, opens, closes] of days) {
      const opening = berlin.nextOpening(utc(from));
      expect(opening.toISOString()).toBe(utc(opens).toISOString());
      expect(berlin.addBusinessMinutes(opening, 540).toISOString()).toBe(utc(closes).toISOString());
      expect(berlin.businessMinutesBetween(opening, utc(closes))).toBe(540);
    }
    const everyDay = new BusinessCalendar({ timeZone: 'Europe/Berlin', hours: { 7: [['09:00', '18:00']] } });
    expect(everyDay.businessMinutesBetween(utc('2026-03-28T12:00'), utc('2026-03-30T00:00'))).toBe(540);
    expect(everyDay.businessMinutesBetween(utc('2026-10-24T12:00'), utc('2026-10-26T00:00'))).toBe(540);
  });

  it('S-5 across the spring-forward weekend a HotRush ticket from Friday 17:00 Berlin time is due Monday 10:00 summer time', () => {
    expect(due(berlin, utc('2026-03-27T16:00'), 120)).toBe(utc('2026-03-30T08:00').toISOString());
    expect(due(berlin, utc('2026-10-23T15:00'), 120)).toBe(utc('2026-10-26T09:00').toISOString());
  });

  it('S-5 hours 02:00–04:00 are 1 hour on the spring-forward night and 3 hours on the autumn night', () => {
    const night = new BusinessCalendar({ timeZone: 'Europe/Berlin', hours: { 7: [['02:00', '04:00']] } });
    expect(night.businessMinutesBetween(utc('2026-03-22T00:00'), utc('2026-03-23T00:00'))).toBe(120);
    expect(night.businessMinutesBetween(utc('2026-03-28T00:00'), utc('2026-03-30T00:00'))).toBe(60);
    expect(night.nextOpening(utc('2026-03-28T12:00')).toISOString()).toBe(utc('2026-03-29T01:00').toISOString()); // 03:00 CEST
    expect(due(night, utc('2026-03-28T12:00'), 60)).toBe(utc('2026-03-29T02:00').toISOString()); // 04:00 CEST
    expect(night.businessMinutesBetween(utc('2026-10-24T00:00'), utc('2026-10-26T00:00'))).toBe(180);
    expect(night.nextOpening(utc('2026-10-24T12:00')).toISOString()).toBe(utc('2026-10-25T00:00').toISOString()); // 02:00 CEST
    expect(night.isOpen(utc('2026-10-25T01:30'))).toBe(true); // 02:30 CET, the second time round
    expect(due(night, utc('2026-10-24T12:00'), 180)).toBe(utc('2026-10-25T03:00').toISOString()); // 04:00 CET
  });

  it('S-5 hours wholly inside the skipped spring hour give no business time that night', () => {
    const skipped = new BusinessCalendar({ timeZone: 'Europe/Berlin', hours: { 7: [['02:00', '02:30']] } });
    expect(skipped.businessMinutesBetween(utc('2026-03-28T00:00'), utc('2026-03-30T00:00'))).toBe(0);
    expect(skipped.businessMinutesBetween(utc('2026-03-21T00:00'), utc('2026-03-23T00:00'))).toBe(30);
    expect(skipped.nextOpening(utc('2026-03-28T00:00')).toISOString()).toBe(utc('2026-04-05T00:00').toISOString());
  });

  it('S-5 a fixed offset +04:00 gives the same due times as Asia/Dubai, and -03:30 works west of Greenwich', () => {
    const fixed = new BusinessCalendar({ timeZone: '+04:00' });
    const random = seeded(42);
    for (let i = 0; i < 50; i++) {
      const start = new Date(Date.parse('2026-01-01T00:00:00Z') + Math.floor(random() * 365 * 86400_000));
      const minutes = Math.floor(random() * 5000);
      expect(due(fixed, start, minutes)).toBe(due(calendar, start, minutes));
    }
    const newfoundland = new BusinessCalendar({ timeZone: '-03:30' });
    expect(newfoundland.nextOpening(utc('2026-01-05T00:00')).toISOString()).toBe(utc('2026-01-05T12:30').toISOString());
    expect(newfoundland.weeklyHoursIn('+00:00')[0]).toEqual({ weekday: 1, start: '12:30', end: '21:30' });
  });
});

describe('S-5 support hours shown in the customer’s time zone', () => {
  const days = (start: string, end: string, weekdayList = [1, 2, 3, 4, 5]) =>
    weekdayList.map((weekday) => ({ weekday, start, end }));

  it('S-5 Dubai 09:00–18:00 shows as 05:00–14:00 in London in winter and 06:00–15:00 in summer', () => {
    expect(calendar.weeklyHoursIn('Europe/London', utc('2026-01-07T12:00'))).toEqual(days('05:00', '14:00'));
    expect(calendar.weeklyHoursIn('Europe/London', utc('2026-07-08T12:00'))).toEqual(days('06:00', '15:00'));
    expect(calendar.weeklyHoursIn('Europe/London')).toEqual(days('05:00', '14:00')); // the reference week is in January
  });

  it('S-5 in Los Angeles each Dubai day crosses midnight and is split: Sunday 21:00–24:00 and Monday 00:00–06:00 …', () => {
    expect(calendar.weeklyHoursIn('America/Los_Angeles', utc('2026-01-07T12:00'))).toEqual([
      { weekday: 1, start: '00:00', end: '06:00' },
      { weekday: 1, start: '21:00', end: '24:00' },
      { weekday: 2, start: '00:00', end: '06:00' },
      { weekday: 2, start: '21:00', end: '24:00' },
      { weekday: 3, start: '00:00', end: '06:00' },
      { weekday: 3, start: '21:00', end: '24:00' },
      { weekday: 4, start: '00:00', end: '06:00' },
      { weekday: 4, start: '21:00', end: '24:00' },
      { weekday: 5, start: '00:00', end: '06:00' },
      { weekday: 7, start: '21:00', end: '24:00' },
    ]);
  });

  it('S-5 in Auckland Monday 09:00–18:00 Dubai becomes Monday 18:00–24:00 and Tuesday 00:00–03:00 (NZDT), an hour earlier in NZST', () => {
    const summer = [...days('18:00', '24:00'), ...days('00:00', '03:00', [2, 3, 4, 5, 6])].sort(
      (a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start),
    );
    expect(calendar.weeklyHoursIn('Pacific/Auckland', utc('2026-01-07T12:00'))).toEqual(summer);
    const winter = summer.map((h) => (h.start === '18:00' ? { ...h, start: '17:00' } : { ...h, end: '02:00' }));
    expect(calendar.weeklyHoursIn('Pacific/Auckland', utc('2026-07-08T12:00'))).toEqual(winter);
  });

  it('S-5 a Berlin calendar seen from Los Angeles moves an hour in the weeks the two zones change clocks on different dates', () => {
    const berlin = new BusinessCalendar({ timeZone: 'Europe/Berlin' });
    expect(berlin.weeklyHoursIn('America/Los_Angeles', utc('2026-01-07T12:00'))).toEqual(days('00:00', '09:00'));
    expect(berlin.weeklyHoursIn('America/Los_Angeles', utc('2026-03-18T12:00'))).toEqual(days('01:00', '10:00'));
    expect(berlin.weeklyHoursIn('America/Los_Angeles', utc('2026-04-08T12:00'))).toEqual(days('00:00', '09:00'));
  });

  it('S-5 an opening that ends as the viewer’s clock springs forward is shown ending at 01:00, the next one from 02:00', () => {
    // London moves from 01:00 GMT to 02:00 BST at 01:00 UTC on Sunday 29 March 2026.
    const utcDesk = new BusinessCalendar({
      timeZone: '+00:00',
      hours: {
        7: [
          ['00:00', '01:00'],
          ['01:00', '02:00'],
        ],
      },
    });
    expect(utcDesk.weeklyHoursIn('Europe/London', utc('2026-03-29T12:00'))).toEqual([
      { weekday: 7, start: '00:00', end: '01:00' },
      { weekday: 7, start: '02:00', end: '03:00' },
    ]);
    expect(utcDesk.weeklyHoursIn('Europe/London', utc('2026-03-22T12:00'))).toEqual([
      { weekday: 7, start: '00:00', end: '02:00' },
    ]);
  });

  it('S-5 a round-the-clock calendar seen from another zone is seven whole days, its pieces merged', () => {
    const allDay: [string, string][] = [['00:00', '24:00']];
    const always = new BusinessCalendar({
      hours: { 1: allDay, 2: allDay, 3: allDay, 4: allDay, 5: allDay, 6: allDay, 7: allDay },
    });
    expect(always.weeklyHoursIn('America/Los_Angeles')).toEqual(days('00:00', '24:00', [1, 2, 3, 4, 5, 6, 7]));
    expect(always.businessMinutesBetween(utc('2026-01-05T00:00'), utc('2026-01-12T00:00'))).toBe(7 * 1440);
  });

  it('S-5 weekly hours ignore holidays, accept a fixed offset for the viewer and refuse an unknown zone', () => {
    const withHoliday = new BusinessCalendar({ holidays: ['2026-01-07'] });
    expect(withHoliday.weeklyHoursIn('+05:30', utc('2026-01-07T12:00'))).toEqual(days('10:30', '19:30'));
    expect(() => calendar.weeklyHoursIn('Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
  });
});

describe('S-5 validation and guards', () => {
  it('S-5 the constructor refuses a bad zone, bad HH:MM, start >= end, overlaps and bad holiday dates, naming each', () => {
    expect(problemsOf({ timeZone: 'Asia/Atlantis' })).toEqual([
      'timeZone "Asia/Atlantis" is neither an IANA time zone nor an offset ±HH:MM',
    ]);
    expect(problemsOf({ timeZone: '+15:00' })[0]).toMatch(/\+15:00/);
    expect(problemsOf({ hours: { 1: [['9:00', '18:00']] } })).toEqual([
      'Monday: ["9:00","18:00"] is not a pair of times HH:MM (00:00–24:00)',
    ]);
    expect(problemsOf({ hours: { 2: [['09:00', '24:01']] } })[0]).toMatch(/Tuesday/);
    expect(problemsOf({ hours: { 3: [['24:00', '24:00']] } })[0]).toMatch(/Wednesday/);
    expect(problemsOf({ hours: { 4: [['18:00', '09:00']] } })).toEqual(['Thursday 18:00–09:00 ends before it starts']);
    expect(problemsOf({ hours: { 5: [['12:00', '12:00']] } })).toEqual(['Friday 12:00–12:00 is empty']);
    expect(
      problemsOf({
        hours: {
          6: [
            ['12:00', '18:00'],
            ['09:00', '13:00'],
          ],
        },
      }),
    ).toEqual(['Saturday 09:00–13:00 overlaps 12:00–18:00']);
    expect(problemsOf({ hours: { 8: [['09:00', '18:00']] } as never })).toEqual([
      'hours: "8" is not an ISO weekday 1 (Monday) … 7 (Sunday)',
    ]);
    expect(problemsOf({ holidays: ['2026-02-30'] })).toEqual(['holiday "2026-02-30" is not a date YYYY-MM-DD']);
    expect(problemsOf({ holidays: ['1/1/2026'] })).toEqual(['holiday "1/1/2026" is not a date YYYY-MM-DD']);
    const all = problemsOf({ timeZone: 'Nowhere', hours: { 1: [['18:00', '09:00']] }, holidays: ['2026-13-01'] });
    // The reversed interval is the only one given, so "no working hours" is not added on top of it.
    expect(all).toHaveLength(3);
    expect(() => new BusinessCalendar({ timeZone: 'Nowhere' })).toThrow(
      /Invalid business calendar:\n {2}- timeZone "Nowhere"/,
    );
  });

  it('S-5 every problem names its field (hours.<weekday>.<index>, holidays.<index>) for a form to show it there', () => {
    const fieldsOf = (settings: ConstructorParameters<typeof BusinessCalendar>[0]) => {
      try {
        new BusinessCalendar(settings);
      } catch (err) {
        return (err as BusinessCalendarError).fieldProblems;
      }
      throw new Error('accepted');
    };
    expect(
      fieldsOf({
        timeZone: 'Nowhere',
        hours: {
          1: [
            ['09:00', '13:00'],
            ['12:00', '18:00'],
          ],
          3: [
            ['10:00', '10:00'],
            ['14:00', '9:00'],
          ],
        },
        holidays: ['2026-01-01', 'soon'],
      }),
    ).toEqual([
      { field: 'timeZone', message: 'timeZone "Nowhere" is neither an IANA time zone nor an offset ±HH:MM' },
      { field: 'hours.1.1', message: 'Monday 09:00–13:00 overlaps 12:00–18:00' },
      { field: 'hours.3.0', message: 'Wednesday 10:00–10:00 is empty' },
      { field: 'hours.3.1', message: 'Wednesday: ["14:00","9:00"] is not a pair of times HH:MM (00:00–24:00)' },
      { field: 'holidays.1', message: 'holiday "soon" is not a date YYYY-MM-DD' },
    ]);
    // The later-entered interval of an overlapping pair is the one flagged, whatever their order; one
    // that overlaps two others is named in both problems.
    expect(
      fieldsOf({
        hours: {
          2: [
            ['12:00', '18:00'],
            ['08:00', '10:00'],
            ['09:00', '13:00'],
          ],
        },
      }),
    ).toEqual([
      { field: 'hours.2.2', message: 'Tuesday 08:00–10:00 overlaps 09:00–13:00' },
      { field: 'hours.2.2', message: 'Tuesday 09:00–13:00 overlaps 12:00–18:00' },
    ]);
  });

  it('S-5 an interval overlapping an earlier long one is found even when a short one lies between them', () => {
    expect(
      problemsOf({
        hours: {
          4: [
            ['09:00', '12:00'],
            ['10:00', '18:00'],
            ['13:00', '14:00'],
          ],
        },
      }),
    ).toEqual(['Thursday 09:00–12:00 overlaps 10:00–18:00', 'Thursday 10:00–18:00 overlaps 13:00–14:00']);
  });

  it('S-5 a calendar with every day off is refused; one with hours only on Sunday is fine', () => {
    expect(problemsOf({ hours: {} })).toEqual([
      'There are no working hours on any day: give at least one day an interval',
    ]);
    expect(problemsOf({ hours: { 1: [], 6: [] } })).toHaveLength(1);
    expect(new BusinessCalendar({ hours: { 7: [['10:00', '11:00']] } }).isOpen(dubai('2026-01-11T10:30'))).toBe(true);
  });

  it('S-5 more than 10 intervals on one day are refused, 10 are fine', () => {
    const tenIntervals = Array.from({ length: 10 }, (_, i): [string, string] => [
      `${String(i + 8).padStart(2, '0')}:00`,
      `${String(i + 8).padStart(2, '0')}:30`,
    ]);
    expect(new BusinessCalendar({ hours: { 5: tenIntervals } }).weeklyHoursIn('Asia/Dubai')).toHaveLength(10);
    expect(problemsOf({ hours: { 5: [...tenIntervals, ['20:00', '21:00']] } })).toEqual([
      'Friday has 11 intervals; at most 10 are allowed',
    ]);
  });

  it('S-5 repeated holidays count once and are stored once; holidays outside 1970–2100 are refused', () => {
    const twice = new BusinessCalendar({ holidays: ['2026-01-12', '2026-01-06', '2026-01-12'] });
    expect(twice.settings.holidays).toEqual(['2026-01-06', '2026-01-12']);
    expect(twice.businessMinutesBetween(dubai('2026-01-05T00:00'), dubai('2026-01-19T00:00'))).toBe(8 * 540);
    expect(new BusinessCalendar({ holidays: ['1970-01-01', '2100-12-31'] }).settings.holidays).toHaveLength(2);
    expect(problemsOf({ holidays: ['1969-12-31', '2101-01-01'] })).toEqual([
      'holiday 1969-12-31 is outside the years 1970–2100',
      'holiday 2101-01-01 is outside the years 1970–2100',
    ]);
    const many = Array.from({ length: 600 }, (_, i) =>
      new Date(Date.UTC(2030, 0, 1 + (i % 500))).toISOString().slice(0, 10),
    );
    expect(new BusinessCalendar({ holidays: many }).settings.holidays).toHaveLength(500);
  });

  it('S-5 weekday keys are exactly 1–7: "01" or "0" is refused rather than silently merged', () => {
    expect(problemsOf({ hours: { 1: [['09:00', '18:00']], ['01' as never]: [['10:00', '11:00']] } })).toEqual([
      'hours: "01" is not an ISO weekday 1 (Monday) … 7 (Sunday)',
    ]);
  });

  it('S-5 500 holidays on the only working day (9½ years of Mondays) are skipped; a 501st is refused', () => {
    const mondays: string[] = [];
    for (let t = Date.parse('2026-01-05T00:00:00Z'); mondays.length < 501; t += 7 * 86400_000) {
      mondays.push(new Date(t).toISOString().slice(0, 10));
    }
    const last = mondays.at(-1) as string; // the first Monday that is not a holiday
    const never = new BusinessCalendar({ hours: { 1: [['09:00', '18:00']] }, holidays: mondays.slice(0, 500) });
    expect(due(never, dubai('2026-01-05T12:00'), 60)).toBe(dubai(`${last}T10:00`).toISOString());
    expect(never.businessMinutesBetween(dubai('2026-01-01T00:00'), dubai(`${last}T00:00`))).toBe(0);
    expect(problemsOf({ hours: { 1: [['09:00', '18:00']] }, holidays: mondays })).toEqual([
      '501 holidays are too many; at most 500 are allowed',
    ]);
  });

  it('S-5 negative or non-finite minutes and invalid dates are refused', () => {
    const start = dubai('2026-01-05T12:00');
    expect(() => calendar.addBusinessMinutes(start, -1)).toThrow(RangeError);
    expect(() => calendar.addBusinessMinutes(start, Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addBusinessMinutes(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => calendar.addBusinessMinutes(new Date('not a date'), 10)).toThrow(/start is not a valid date/);
    expect(() => calendar.isOpen(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => calendar.businessMinutesBetween(start, new Date(Number.NaN))).toThrow(/to is not a valid date/);
  });
});

describe('S-5 long spans', () => {
  it('S-5 one year of business minutes (525 600) from Monday 09:00 is 194 weeks and 30 hours later: Thursday 12:00', () => {
    expect(due(calendar, dubai('2026-01-05T09:00'), 525_600)).toBe(dubai('2029-09-27T12:00').toISOString());
    const berlin = new BusinessCalendar({ timeZone: 'Europe/Berlin' });
    expect(due(berlin, new Date('2026-01-05T09:00:00+01:00'), 525_600)).toBe(
      new Date('2029-09-27T12:00:00+02:00').toISOString(),
    );
  });

  it('S-5 two years of business time between Mondays are 104 weeks of 45 hours, less the holidays on weekdays', () => {
    const withHolidays = new BusinessCalendar({ holidays: ['2026-01-06', '2027-06-05', '2027-12-31'] }); // Tue, Sat, Fri
    expect(withHolidays.businessMinutesBetween(dubai('2026-01-05T00:00'), dubai('2028-01-03T00:00'))).toBe(
      104 * 2700 - 2 * 540,
    );
    const berlin = new BusinessCalendar({ timeZone: 'Europe/Berlin' });
    expect(
      berlin.businessMinutesBetween(new Date('2026-01-05T00:00:00+01:00'), new Date('2028-01-03T00:00:00+01:00')),
    ).toBe(104 * 2700);
  });
});
