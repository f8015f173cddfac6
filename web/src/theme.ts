import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * Mantine's defaults fall short of WCAG AA (4.5:1) on white: dimmed text (gray.6) is 3.3:1 and the
 * blue of links and buttons (blue.6) 3.56:1. Shade 8 of every palette and gray.7 for dimmed text
 * meet it, and red.9 for field errors (red.6 is 3.3:1); dark mode keeps Mantine's own values.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 5 },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    // Field errors: Mantine's red.6 is 3.3:1 on white; red.9 is 5.5:1.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
