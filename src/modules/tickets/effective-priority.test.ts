import { describe, expect, it } from 'vitest';
import { companyHabit, effectiveLabel, effectivePriority, type Priority } from './effective-priority.js';

const times = (n: number, p: Priority): Priority[] => Array.from({ length: n }, () => p);

describe('effective priority (T-11), worked examples', () => {
  it('T-11 a company whose every ticket is Major queues its Major tickets as Normal', () => {
    const habit = companyHabit(times(12, 'major'));
    expect(habit).toBe(3);
    expect(effectivePriority('major', habit)).toBe(2);
    expect(effectiveLabel(effectivePriority('major', habit))).toBe('Normal');
  });

  it('T-11 an average company queues as it marks', () => {
    const habit = companyHabit([...times(3, 'major'), ...times(4, 'normal'), ...times(3, 'minor')]);
    expect(habit).toBe(2);
    expect(['major', 'normal', 'minor'].map((p) => effectivePriority(p as Priority, habit))).toEqual([3, 2, 1]);
  });

  it('T-11 a company whose tickets are mostly Minor queues higher than average', () => {
    const habit = companyHabit([...times(9, 'minor'), 'normal']); // 11 points / 10 tickets = 1.1
    expect(habit).toBeCloseTo(1.1);
    expect(effectivePriority('minor', habit)).toBe(1.9); // queues as Normal
    expect(effectivePriority('major', habit)).toBe(3.9); // above any average company's Major (3)
    expect(effectiveLabel(3.9)).toBe('above Major');
  });

  it('T-11 a mostly-Major company (8 of 10) still ranks its Major below an average company’s Major', () => {
    const habit = companyHabit([...times(8, 'major'), ...times(2, 'normal')]); // 2.8
    expect(effectivePriority('major', habit)).toBe(2.2);
    expect(effectivePriority('major', habit)).toBeLessThan(effectivePriority('major', 2));
    expect(effectivePriority('normal', habit)).toBe(1.2); // its Normal queues as Minor
  });

  it('T-11 the examples hold from the first ticket: a new customer whose one ticket is Major queues it as Normal', () => {
    expect(companyHabit([])).toBe(2);
    expect(companyHabit(['major'])).toBe(3);
    expect(effectivePriority('major', companyHabit(['major']))).toBe(2);
    expect(effectivePriority('minor', companyHabit(['minor']))).toBe(2);
    expect(effectivePriority('normal', companyHabit(['normal']))).toBe(2);
  });
});
