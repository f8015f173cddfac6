import { createContext, type ReactNode, useContext } from 'react';

/** The size of a navigation entry's icon (Tabler, SVG): decorative, the label names the link. */
export const iconProps = { size: 18, stroke: 1.6, 'aria-hidden': true } as const;

/** One navigation entry; `icon`, when set, must carry no text (the link's name is the label alone). */
export interface Section {
  label: string;
  path: string;
  icon?: ReactNode;
}

/**
 * Section key (from `me.sections` of GET /api/v1/me) → navigation entry, for the portal and the staff
 * console alike: the entries of every module in modules.ts, provided by AppRoutes. The server lists
 * only the sections a person may use and that are built; keys it lists that are not here are ignored.
 */
export const SectionsContext = createContext<Record<string, Section>>({});

/** The entries of the sections a person has, in the server's order. */
export function useSectionsOf(keys: string[], omit?: string): Section[] {
  const sections = useContext(SectionsContext);
  return keys.filter((k) => k !== omit).flatMap((k) => (sections[k] ? [sections[k]] : []));
}
