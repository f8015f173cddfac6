// What other modules may use from accounts.
import type { ModuleDescriptor } from '../../core/module.js';
import { disabledProfileAddresses } from './queries.js';
import { accountsRoutes } from './routes.js';

export { presentCompany, presentProfile } from './presenters.js';
export { findProfile, listCompanyProfiles } from './queries.js';
export { unlockProfile } from './unlock-profile.js';
export { queueInvitation } from './create-profile.js';
export { companySchema, profileSchema } from './schemas.js';
export { companyNames, findCompany, searchCompanies } from './queries.js';
export { activeProfiles, profileCredentials } from './credentials.js';
export { lockCompany, securityNewsSubscribers } from './queries.js';
export { createCompanyWithPrimary, createInvitedCustomer, releaseUnconfirmedAddress } from './sign-up-company.js';
export {
  companyFirstOrders,
  companyName,
  companyNamesTable,
  disabledProfileAddresses,
  findActiveProfileByEmail,
  findProfileByEmail,
  profileContact,
  profileNames,
  profileNamesTable,
  ticketMailPeople,
} from './queries.js';

/** Companies and their profiles (A-1… ). */
export const accountsModule: ModuleDescriptor = {
  name: 'accounts',
  routes: [accountsRoutes],
  undeliverable: disabledProfileAddresses,
  sections: [
    { key: 'home', area: 'portal', permission: 'profiles.view', position: 0 },
    { key: 'profiles', area: 'portal', permission: 'profiles.view', position: 20 },
  ],
  permissions: { profile: ['profiles.view', 'profiles.manage', 'company.manage'] },
};
