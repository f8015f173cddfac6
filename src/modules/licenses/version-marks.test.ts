import { describe, expect, it } from 'vitest';
import { compareVersions, versionMarks } from './version-marks.js';

const shopcart = [
  { version: '4.0.0', branch: '4.0', releasedOn: '2024-03-01' },
  { version: '4.0.5', branch: '4.0', releasedOn: '2024-11-10' },
  { version: '4.1.0', branch: '4.1', releasedOn: '2025-06-02' },
  { version: '4.1.2', branch: '4.1', releasedOn: '2025-12-15' },
  { version: '4.1.3', branch: '4.1', releasedOn: '2026-09-01' },
];

describe('version marks (L-9)', () => {
  it('L-9 compares versions numerically', () => {
    expect(compareVersions('4.10.0', '4.9.3')).toBe(1);
    expect(compareVersions('4.1', '4.1.0')).toBe(-1);
    expect(compareVersions('2.4.1', '2.4.1')).toBe(0);
    expect(['4.1.10', '4.1.2', '4.1.9'].sort(compareVersions)).toEqual(['4.1.2', '4.1.9', '4.1.10']);
  });

  it('L-9 the latest of the latest branch has no mark; earlier versions of that branch are obsolete; earlier branches are out of guarantee', () => {
    const marks = versionMarks(shopcart, '2026-11-22');
    expect(marks.map((m) => [m.version, m.latest, m.obsolete, m.outOfGuarantee])).toEqual([
      ['4.1.3', true, false, false],
      ['4.1.2', false, true, false],
      ['4.1.0', false, true, true], // released more than a year ago
      ['4.0.5', false, false, true],
      ['4.0.0', false, false, true],
    ]);
  });

  it('L-9 "more than one year ago" is counted from the day', () => {
    const oneRelease = [
      { version: '2.4.0', branch: '2.4', releasedOn: '2025-11-22' },
      { version: '2.4.1', branch: '2.4', releasedOn: '2026-10-01' },
    ];
    expect(versionMarks(oneRelease, '2026-11-22').find((m) => m.version === '2.4.0')?.outOfGuarantee).toBe(false);
    expect(versionMarks(oneRelease, '2026-11-23').find((m) => m.version === '2.4.0')?.outOfGuarantee).toBe(true);
    // The latest version too goes out of guarantee when it is more than a year old.
    expect(versionMarks(oneRelease, '2027-10-02').find((m) => m.version === '2.4.1')).toMatchObject({
      latest: true,
      obsolete: false,
      outOfGuarantee: true,
    });
  });

  it('L-9 branch 4.10 is later than 4.9', () => {
    const marks = versionMarks(
      [
        { version: '4.9.9', branch: '4.9', releasedOn: '2026-10-01' },
        { version: '4.10.0', branch: '4.10', releasedOn: '2026-10-02' },
      ],
      '2026-11-22',
    );
    expect(marks.map((m) => [m.version, m.latest, m.outOfGuarantee])).toEqual([
      ['4.10.0', true, false],
      ['4.9.9', false, true],
    ]);
  });
});
