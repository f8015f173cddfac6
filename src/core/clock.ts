/**
 * The one source of "now" for every time-based rule (auto-close, expiry, SLA, tokens).
 * Production uses the system clock; tests move a TestClock instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until a test moves it. */
export class TestClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-01-05T10:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
  /** Moves the clock forward by the given amount. */
  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number }): void {
    this.current +=
      ((by.days ?? 0) * 86400 + (by.hours ?? 0) * 3600 + (by.minutes ?? 0) * 60 + (by.seconds ?? 0)) * 1000;
  }
}

/**
 * The system clock moved by an offset: only for end-to-end tests of a running server
 * (CLIENTELE_TEST_CLOCK=true), which move time forward through an admin-only route.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86400_000);
}

export function addMinutes(d: Date, minutes: number): Date {
  return new Date(d.getTime() + minutes * 60_000);
}
