// What other modules may use from accounts.
export { presentCompany, presentProfile } from './presenters.js';
export { findProfile, listCompanyProfiles } from './queries.js';
export { unlockProfile } from './unlock-profile.js';
export { queueInvitation } from './create-profile.js';
export { companySchema, profileSchema } from './schemas.js';
export { companyNames, findCompany, searchCompanies } from './queries.js';
export { activeProfiles, profileCredentials } from './credentials.js';
export { createCompanyWithPrimary } from './sign-up-company.js';
export { lockCompany, profileNames, securityNewsSubscribers } from './queries.js';
