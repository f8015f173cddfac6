import { useMediaQuery } from '@mantine/hooks';

/**
 * True on a phone-sized screen (below Mantine's `sm` breakpoint, 48 em, where the navbar collapses):
 * lists then render stacked cards instead of a table. One of the two is rendered, not both hidden by
 * CSS, so that a label or a test id names one element only.
 */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
}
