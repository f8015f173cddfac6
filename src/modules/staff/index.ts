// What other modules may use from staff: staff users' credentials for auth, names for timelines.
import type { ModuleDescriptor } from '../../core/module.js';
import { staffRoutes } from './routes.js';

export { enabledStaff, staffCredentials } from './credentials.js';
export {
  enabledStaffContacts,
  enabledStaffWithRoles,
  findEnabledStaff,
  staffNames,
  staffNamesTable,
} from './queries.js';

/** The staff console's users, companies, audit log and dev mailbox (A-10, X-3, E-1). */
export const staffModule: ModuleDescriptor = {
  name: 'staff',
  routes: [staffRoutes],
  sections: [
    { key: 'staff-home', area: 'staff', permission: 'staff.console', position: 0 },
    { key: 'staff-companies', area: 'staff', permission: 'staff.companies', position: 40 },
    { key: 'staff-users', area: 'staff', permission: 'staff.users', position: 50 },
    { key: 'staff-audit', area: 'staff', permission: 'staff.audit', position: 60 },
    { key: 'staff-mailbox', area: 'staff', permission: 'staff.mailbox', position: 70 },
  ],
  permissions: {
    staff: ['staff.console', 'staff.companies', 'staff.profiles.unlock', 'staff.users', 'staff.audit', 'staff.mailbox'],
  },
};
