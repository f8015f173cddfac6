/** Section key (from GET /api/v1/me) → navigation entry. Sections not listed by the server are not shown. */
export const portalSections: Record<string, { label: string; path: string }> = {
  home: { label: 'Home', path: '/' },
  profiles: { label: 'Profiles', path: '/profiles' },
};

export const staffSections: Record<string, { label: string; path: string }> = {
  'staff-home': { label: 'Overview', path: '/staff' },
  'staff-companies': { label: 'Companies', path: '/staff/companies' },
  'staff-users': { label: 'Staff users', path: '/staff/users' },
  'staff-audit': { label: 'Audit log', path: '/staff/audit' },
  'staff-mailbox': { label: 'Dev mailbox', path: '/staff/mailbox' },
};
