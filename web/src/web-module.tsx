import type { ComponentType, ReactNode } from 'react';
import { useOutletContext } from 'react-router';
import type { Me } from './api/auth';
import type { Section } from './sections';

/** One page: its path (relative to /staff in the staff console) or the frame's index, and what it shows. */
export type PageRoute = { path: string; element: ReactNode } | { index: true; element: ReactNode };

/** A module's pages, by the frame they open in. */
export interface ModuleRoutes {
  /** Outside the signed-in frames: log-in, sign-up, password reset. */
  public?: PageRoute[];
  /** The customer portal: signed-in profiles only. */
  portal?: PageRoute[];
  /** The staff console under /staff: signed-in staff only. */
  staff?: PageRoute[];
}

/**
 * What a folder under routes/ gives the app from its index.tsx: its pages and its navigation
 * entries (section key of GET /me → entry). modules.ts lists the modules.
 */
export interface WebModule {
  routes: ModuleRoutes;
  sections?: Record<string, Section>;
}

/** A page that needs the signed-in person gets it from its frame (the layout's outlet context). */
export function withMe(Page: ComponentType<{ me: Me }>) {
  return function PageWithMe() {
    return <Page me={useOutletContext<Me>()} />;
  };
}
