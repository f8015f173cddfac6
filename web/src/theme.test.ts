import { DEFAULT_THEME, getContrastColor, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, cssVariablesResolver, theme } from './theme';

/**
 * Issue 11.7: text in the portal and the staff console reaches 4.5:1 (WCAG AA) for every palette a
 * page may name. The browser journeys run axe on real pages; this pins the theme itself, for colors
 * no journey happens to show yet.
 */
const merged = mergeMantineTheme(DEFAULT_THEME, theme);
const light = cssVariablesResolver(merged).light as Record<string, string>;
const resolve = (value: string): string => {
  const ref = /^var\(--mantine-color-([a-z]+)-(\d)\)$/.exec(value);
  if (!ref) return value;
  const [, name, shade] = ref;
  return DEFAULT_THEME.colors[name as string]?.[Number(shade)] ?? value;
};
const white = '#ffffff';
const palettes = Object.keys(DEFAULT_THEME.colors).filter((c) => c !== 'dark' && c !== 'gray');

describe('theme contrast', () => {
  it.each(palettes)('Issue 11.7 %s: text, outline and light-variant colors reach 4.5:1 on their backgrounds', (c) => {
    const shades = DEFAULT_THEME.colors[c] as readonly string[];
    const text = light[`--mantine-color-${c}-text`] ?? '';
    expect(contrast(text, white)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(text, DEFAULT_THEME.colors.gray[1])).toBeGreaterThanOrEqual(4.5);
    expect(light[`--mantine-color-${c}-outline`]).toBe(text);
    const lightColor = light[`--mantine-color-${c}-light-color`] ?? '';
    expect(contrast(lightColor, shades[1] as string)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(lightColor, shades[2] as string)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(palettes)('Issue 11.7 %s: filled surfaces get the text color (black or white) that reaches 4.5:1', (c) => {
    const fill = DEFAULT_THEME.colors[c]?.[8] as string;
    const onFill = getContrastColor({ color: c, theme: merged }) === 'var(--mantine-color-black)' ? '#000000' : white;
    expect(contrast(onFill, fill)).toBeGreaterThanOrEqual(4.5);
  });

  it('Issue 11.7 dimmed text, links, errors and placeholders reach 4.5:1 on white', () => {
    for (const v of [
      '--mantine-color-dimmed',
      '--mantine-color-anchor',
      '--mantine-color-error',
      '--mantine-color-placeholder',
    ])
      expect(contrast(resolve(light[v] ?? ''), white), v).toBeGreaterThanOrEqual(4.5);
    // Links inside a light alert of any color (the tinted shade-1 background).
    for (const c of palettes)
      expect(
        contrast(resolve(light['--mantine-color-anchor'] ?? ''), DEFAULT_THEME.colors[c]?.[1] as string),
        c,
      ).toBeGreaterThanOrEqual(4.5);
  });

  it('Issue 11.7 the contrast function agrees with WCAG: black on white is 21:1, gray.6 on white 3.32:1', () => {
    expect(contrast('#000000', white)).toBeCloseTo(21, 5);
    expect(contrast(DEFAULT_THEME.colors.gray[6], white)).toBeCloseTo(3.32, 2);
  });
});
