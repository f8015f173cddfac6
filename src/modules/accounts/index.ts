// What other modules may use from accounts.
export { presentCompany, presentProfile } from './presenters.js';
export { findProfile, listCompanyProfiles } from './queries.js';
export { unlockProfile } from './unlock-profile.js';
export { queueInvitation } from './create-profile.js';
