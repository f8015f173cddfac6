import { describe, expect, it } from 'vitest';
import { assessmentCost, defaultServicePackPattern, isServicePack, patchSteps, upgradeCost } from './cost.js';

const sp = defaultServicePackPattern;

describe('assessment costs (S-2)', () => {
  it.each([
    [1, 5],
    [2, 10],
    [4, 20],
  ])('S-2 category %i costs %i credits', (category, credits) => {
    expect(assessmentCost({ category })).toBe(credits);
  });

  it.each([
    [0, 20],
    [1, 20],
    [2, 20],
    [3, 25],
    [4, 30],
    [8, 50],
    [12, 70],
  ])('S-2 an upgrade over %i patch versions costs %i (20 within two, +5 each following)', (steps, credits) => {
    expect(upgradeCost(steps)).toBe(credits);
    expect(assessmentCost({ category: 5, steps })).toBe(credits);
  });

  it('S-2 upgrade 4.3.1 → 4.3.9 costs 50 (counted by patch numbers when the releases are not listed)', () => {
    const steps = patchSteps('4.3.1', '4.3.9', [], sp);
    expect(steps).toEqual({ steps: 8, countedFrom: 'patch-numbers' });
    expect(upgradeCost(steps.steps)).toBe(50);
  });

  it('S-2 service-pack releases are not counted as upgrade steps', () => {
    const releases = ['4.3.1', '4.3.2', '4.3.2.SP1', '4.3.2.SP2', '4.3.3', '4.3.4', '4.3.4-sp1', '4.3.5'];
    expect(patchSteps('4.3.1', '4.3.5', releases, sp)).toEqual({ steps: 4, countedFrom: 'releases' });
    expect(patchSteps('4.3.2.SP1', '4.3.4-sp1', releases, sp)).toEqual({ steps: 2, countedFrom: 'releases' });
    expect(isServicePack('4.3.2.SP1', sp)).toBe(true);
    expect(isServicePack('4.3.2 SP', sp)).toBe(true);
    expect(isServicePack('4.3.2', sp)).toBe(false);
    // A configured pattern: service packs named "-hotfix".
    expect(patchSteps('4.3.1', '4.3.5', ['4.3.1', '4.3.2-hotfix', '4.3.5'], '-hotfix$').steps).toBe(1);
  });

  it('S-2 across branches the steps are the releases in between', () => {
    expect(patchSteps('4.6.0', '4.7.2', ['4.6.0', '4.7.1', '4.7.2'], sp)).toEqual({
      steps: 2,
      countedFrom: 'releases',
    });
  });

  it('S-2 refuses an upgrade to an earlier version, missing versions and unknown versions of two branches', () => {
    for (const [from, to, field] of [
      ['4.3.9', '4.3.1', 'toVersion'],
      ['4.3.1', '4.3.1', 'toVersion'],
      ['', '4.3.1', 'fromVersion'],
      ['4.3.1', '', 'toVersion'],
      ['4.2.9', '4.3.1', 'toVersion'],
    ] as const)
      expect(() => patchSteps(from, to, [], sp)).toThrow(
        expect.objectContaining({ fieldErrors: [expect.objectContaining({ field })] }),
      );
  });

  it('S-2 a complex code modification costs the price the agent enters, at least 20', () => {
    expect(assessmentCost({ category: 3, credits: 35 })).toBe(35);
    for (const credits of [undefined, 19, 20.5, 0])
      expect(() => assessmentCost({ category: 3, credits })).toThrow(
        expect.objectContaining({
          code: 'validation-failed',
          fieldErrors: [expect.objectContaining({ field: 'credits' })],
        }),
      );
    expect(() => assessmentCost({ category: 6 })).toThrow(expect.objectContaining({ code: 'validation-failed' }));
  });
});
