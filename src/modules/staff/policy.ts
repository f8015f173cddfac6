import { access } from '../../core/policy.js';

/** Who may call each route of the staff console (A-10, X-3, E-1 dev mailbox). */
export const staffPolicy = {
  // Every staff user reads and changes their own settings (time zone).
  ownSettings: access.staff('staff.console'),
  listStaff: access.staff('staff.users'),
  createStaff: access.staff('staff.users'),
  updateStaff: access.staff('staff.users'),
  listCompanies: access.staff('staff.companies'),
  getCompany: access.staff('staff.companies'),
  unlockProfile: access.staff('staff.profiles.unlock'),
  auditLog: access.staff('staff.audit'),
  listMailbox: access.staff('staff.mailbox'),
  getMail: access.staff('staff.mailbox'),
};
