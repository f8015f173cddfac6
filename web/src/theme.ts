import {
  CloseButton,
  type CloseButtonProps,
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  Menu,
  type MantineColorsTuple,
  Notification,
  TableScrollContainer,
} from '@mantine/core';

/**
 * Contrast at the source (issue 11, WCAG AA 4.5:1 for text; axe's `color-contrast` is "serious").
 * Mantine's defaults fall short on white: dimmed text (gray.6) is 3.3:1, the blue of links and
 * buttons (blue.6) 3.56:1, error red (red.6) 3.28:1, and the light palettes (teal, green, lime,
 * yellow, orange, cyan) fail as text, as white-on-filled and even as light-badge text (yellow.9 on
 * yellow.1 is 2.7:1). So, for every palette and whatever color a page picks:
 * - filled surfaces (buttons, badges, action icons) are shade 8 with `autoContrast`: white text
 *   where white reaches 4.5:1, black text otherwise (the threshold is where both are equal);
 * - text in a color (`c="green"`, outline and subtle variants) and light-variant text (light badges,
 *   alerts, the active nav link) use the palette's own shade darkened until it reaches 4.6:1 on its
 *   background (gray.1 for text, so it holds on the grey panels too; shade 2 for light variants,
 *   their hover background);
 * - dimmed text is gray.7, placeholders 4.6:1, errors red.8, links blue.9 (6.1:1 on white, 5:1 on the tinted background
 *   of any light alert, where blue.8 is 4.1:1).
 * Dark mode keeps Mantine's own values. e2e/harness.ts runs axe on every page the journeys visit.
 */

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The color mixed toward black in small steps until it reaches `ratio` on `background`. */
export function darkenTo(hex: string, background: string, ratio: number): string {
  const [r, g, b] = channels(hex);
  for (let t = 0; t <= 1; t += 0.02) {
    const mixed = `#${[r, g, b]
      .map((v) => Math.round(v * (1 - t)))
      .map((v) => v.toString(16).padStart(2, '0'))
      .join('')}`;
    if (contrast(mixed, background) >= ratio) return mixed;
  }
  return '#000000';
}

const target = 4.6;
const filledShade = 8;

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: filledShade, dark: 5 },
  autoContrast: true,
  // Black and white text have equal contrast on a background of luminance 0.179; a little above
  // it so that red.8 keeps its white text (4.51:1) and cyan.8 gets black (4.83:1).
  luminanceThreshold: 0.185,
  components: {
    // Icon-only close buttons (notifications, modals, alerts) need a name for screen readers (axe
    // `button-name`, critical); a component's own label still wins.
    // (CloseButton is polymorphic: its props type leaves out the element's attributes.)
    CloseButton: CloseButton.extend({ defaultProps: { 'aria-label': 'Close' } as Partial<CloseButtonProps> }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } }),
    // Mantine puts a focus placeholder (role="presentation") first in every menu, which a
    // role="menu" may not contain (axe `aria-required-children`, critical); without it the first
    // item takes the focus, as the ARIA menu pattern has it.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // A table that scrolls sideways (on a phone) must be reachable by keyboard to scroll it (axe
    // `scrollable-region-focusable`, serious): its viewport takes the focus.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});

function accessibleColorVariables(): Record<string, string> {
  const vars: Record<string, string> = {};
  const panel = DEFAULT_THEME.colors.gray[1];
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors) as [string, MantineColorsTuple][]) {
    if (name === 'dark' || name === 'gray') continue;
    const text = darkenTo(shades[filledShade], panel, target);
    vars[`--mantine-color-${name}-text`] = text;
    vars[`--mantine-color-${name}-outline`] = text;
    // On shade 2, the light variant's hover background (shade 1 at rest).
    vars[`--mantine-color-${name}-light-color`] = darkenTo(shades[9], shades[2], target);
  }
  return vars;
}

const lightColors = accessibleColorVariables();

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...lightColors,
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-9)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    // Placeholder text is text too (gray.5 is 2.07:1): a grey between gray.6 and gray.7 at 4.6:1.
    '--mantine-color-placeholder': darkenTo(DEFAULT_THEME.colors.gray[6], '#ffffff', target),
  },
  dark: {},
});
