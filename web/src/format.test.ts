/**
 * Issue 11 (times in the viewer's zone, S-5): the formatters show an instant in the zone the
 * signed-in person chose, name that zone, fall back to the browser's zone when none is set (or the
 * name is unknown), and write recent times relatively.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  browserTimeZone,
  formatDateTime,
  formatDuration,
  formatRelative,
  formatTime,
  setViewerTimeZone,
  viewerTimeZone,
  zoneName,
} from './format';

const at = '2026-12-03T13:05:00Z';
afterEach(() => setViewerTimeZone(null));

describe('format.ts: times in the viewer’s zone', () => {
  it('shows an instant in the chosen zone with the zone’s name (Tokyo 22:05 JST, New York 08:05 EST)', () => {
    setViewerTimeZone('Asia/Tokyo');
    expect(viewerTimeZone()).toBe('Asia/Tokyo');
    expect(formatTime(at)).toMatch(/^(22:05|10:05\sPM) GMT\+9$/);
    expect(formatDateTime(at)).toMatch(/Dec.*2026.*(22:05|10:05\sPM) GMT\+9$/);
    setViewerTimeZone('America/New_York');
    expect(formatTime(at)).toMatch(/^(08:05|8:05\sAM) (EST|GMT-5)$/);
    expect(zoneName(new Date(at))).toMatch(/^(EST|GMT-5)$/);
  });

  it('no setting (null) or an unknown zone name means the browser’s zone', () => {
    setViewerTimeZone('Asia/Tokyo');
    setViewerTimeZone(null);
    expect(viewerTimeZone()).toBe(browserTimeZone());
    setViewerTimeZone('Mars/Olympus');
    expect(viewerTimeZone()).toBe(browserTimeZone());
  });

  it('UTC chosen explicitly is shown as UTC', () => {
    setViewerTimeZone('UTC');
    expect(formatTime(at)).toMatch(/^(13:05|1:05\sPM) UTC$/);
  });

  it('recent times are relative ("just now", "5 min ago", "in 3 days"), older ones the date in the viewer’s zone', () => {
    const now = new Date(at);
    const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
    expect(formatRelative(ago(10), now)).toBe('just now');
    expect(formatRelative(ago(5 * 60), now)).toMatch(/^5 min\.? ago$/);
    expect(formatRelative(ago(2 * 3600), now)).toMatch(/^2 hr\.? ago$/);
    expect(formatRelative(new Date(now.getTime() + 3 * 86400_000).toISOString(), now)).toBe('in 3 days');
    // Beyond a week: the date, in the viewer's zone (23:30 UTC on 1 Nov is already 2 Nov in Tokyo).
    setViewerTimeZone('Asia/Tokyo');
    expect(formatRelative('2026-11-01T23:30:00Z', now)).toMatch(/Nov 2, 2026|2 Nov 2026/);
  });

  it('durations as the two largest units', () => {
    expect(formatDuration(3 * 86400 + 4 * 3600 + 59)).toBe('3 d 4 h');
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe('2 h 5 min');
    expect(formatDuration(20)).toBe('1 min');
  });
});
