// What other modules may use from staff: staff users' credentials for auth, names for timelines.
export { enabledStaff, staffCredentials } from './credentials.js';
export {
  enabledStaffContacts,
  enabledStaffWithRoles,
  findEnabledStaff,
  staffNames,
  staffNamesTable,
} from './queries.js';
