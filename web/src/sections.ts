import type { ReactNode } from 'react';

/** One navigation entry; `icon`, when set, must carry no text (the link's name is the label alone). */
export interface Section {
  label: string;
  path: string;
  icon?: ReactNode;
}

/**
 * Section key (from `me.sections` of GET /api/v1/me) → navigation entry, for the portal and the staff
 * console alike. The server lists only the sections a person may use and that are built; keys it
 * lists that are not here are ignored. A module that adds a section adds its entry here.
 */
export const sections: Record<string, Section> = {
  home: { label: 'Home', path: '/' },
  tickets: { label: 'Communication center', path: '/tickets' },
  profiles: { label: 'Profiles', path: '/profiles' },
  licenses: { label: 'My licenses', path: '/licenses' },
  files: { label: 'File area', path: '/files' },
  'staff-home': { label: 'Overview', path: '/staff' },
  'staff-tickets': { label: 'Tickets', path: '/staff/tickets' },
  'staff-inbound': { label: 'Inbound mail', path: '/staff/inbound' },
  'staff-canned': { label: 'Canned replies', path: '/staff/canned' },
  'staff-companies': { label: 'Companies', path: '/staff/companies' },
  'staff-users': { label: 'Staff users', path: '/staff/users' },
  'staff-audit': { label: 'Audit log', path: '/staff/audit' },
  'staff-mailbox': { label: 'Dev mailbox', path: '/staff/mailbox' },
  'staff-licenses': { label: 'Licenses', path: '/staff/licenses' },
  'staff-releases': { label: 'Releases', path: '/staff/releases' },
  'staff-files': { label: 'Product files', path: '/staff/files' },
};

/** The entries of the sections a person has, in the server's order. */
export function sectionsOf(keys: string[], omit?: string): Section[] {
  return keys.filter((k) => k !== omit).flatMap((k) => (sections[k] ? [sections[k]] : []));
}
