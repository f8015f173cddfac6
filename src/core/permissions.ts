/** the three kinds of customer profile. */
export type ProfileRole = 'primary' | 'advanced' | 'secondary';

/** the staff roles. */
export type StaffRole = 'agent' | 'department_head' | 'billing' | 'sales' | 'content' | 'admin';

/**
 * SPEC A-2, the permission matrix, as one table. The server enforces it on every route (through
 * each module's policy.ts) and the UI reads it from GET /api/v1/me to show only what a person may use.
 */
export const profilePermissionMatrix = {
  'tickets.use': ['primary', 'advanced', 'secondary'], // Communication center: create, reply, close, reopen, rate
  'files.company': ['primary', 'advanced', 'secondary'], // company / ticket / project files
  'files.product': ['primary', 'advanced'], // distribution packages, upgrade packs, security patches
  'licenses.view': ['primary', 'advanced', 'secondary'], // list, search, history, set status / version
  'licenses.upgradePack': ['primary', 'advanced'],
  'licenses.manage': ['primary'], // accept agreement, register, change URL, transfer
  'subscriptions.view': ['primary', 'advanced', 'secondary'],
  'projects.use': ['primary', 'advanced', 'secondary'], // view, upload project files
  'shop.buy': ['primary', 'advanced'], // buy products / services, pay invoices
  'billing.view': ['primary', 'advanced'], // invoices, orders
  'accounting.manage': ['primary'], // credit, commissions, payouts, payment details
  'affiliate.manage': ['primary'], // performance, HTML code, my sites
  'profiles.view': ['primary', 'advanced', 'secondary'], // list accounts, edit self
  'profiles.manage': ['primary'], // create / edit other profiles
  'company.manage': ['primary'], // edit company
  'news.view': ['primary', 'advanced', 'secondary'],
  'complaints.submit': ['primary', 'advanced', 'secondary'],
} as const satisfies Record<string, readonly ProfileRole[]>;

export type ProfilePermission = keyof typeof profilePermissionMatrix;

/** what each staff role may do in the staff console. */
export const staffPermissionMatrix = {
  'staff.console': ['agent', 'department_head', 'billing', 'sales', 'content', 'admin'],
  'staff.companies': ['agent', 'department_head', 'billing', 'sales', 'content', 'admin'],
  'staff.profiles.unlock': ['department_head', 'admin'],
  'staff.users': ['admin'],
  'staff.audit': ['admin'],
  'staff.mailbox': ['admin'],
  'staff.licenses.view': ['agent', 'department_head', 'billing', 'sales', 'content', 'admin'],
  // Issue licenses, verify a pending purchase, revoke, add modules and subscriptions, waive a URL
  // fee, approve a transfer to a new customer.
  'staff.licenses.manage': ['billing', 'sales', 'admin'],
  'staff.releases': ['content', 'admin'],
  // T-16: the departments' queues and tickets; canned replies are managed by department heads.
  'staff.tickets': ['agent', 'department_head', 'billing', 'sales', 'admin'],
  'staff.tickets.settings': ['department_head', 'admin'], // products' releases: versions, branches, dates (L-9)
  'staff.files': ['content', 'admin'], // product files, modules, upgrade packs, security patches (F-*)
  // S-*: a company's support plans and credits: grant, adjust, set a license's period or VIP care.
  'staff.support.credits': ['department_head', 'billing', 'admin'],
  // S-*: plan defaults per product, support hours, SLA targets and warnings.
  'staff.support.settings': ['department_head', 'admin'],
  // S-6: first-response / resolution times, breaches, credits charged, time spent.
  'staff.support.reports': ['department_head', 'admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPermission = keyof typeof staffPermissionMatrix;

export function profileHas(role: ProfileRole, permission: ProfilePermission): boolean {
  return (profilePermissionMatrix[permission] as readonly ProfileRole[]).includes(role);
}

export function staffHas(role: StaffRole, permission: StaffPermission): boolean {
  return (staffPermissionMatrix[permission] as readonly StaffRole[]).includes(role);
}

export function profilePermissions(role: ProfileRole): ProfilePermission[] {
  return (Object.keys(profilePermissionMatrix) as ProfilePermission[]).filter((p) => profileHas(role, p));
}

export function staffPermissions(role: StaffRole): StaffPermission[] {
  return (Object.keys(staffPermissionMatrix) as StaffPermission[]).filter((p) => staffHas(role, p));
}
