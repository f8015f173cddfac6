// The auth module's surface for other modules (accounts, staff, licenses): ending a person's
// credentials, the invitation link and mail, the shape of a person auth can log in, and the register
// of addresses in use (one address, one person: ).
import type { ModuleDescriptor } from '../../core/module.js';
import { authRoutes } from './routes.js';

export { authenticate, sessionCookieName } from './authenticate.js';
export type { CredentialStore, LoginAccount } from './credential-store.js';
export { emailInUse, emailTakenError, isEmailTaken } from './email-addresses.js';
export { invitationMail } from './mails.js';
export { issueResetToken } from './password-reset.js';
export { revokeAllApiTokens, revokeAllSessions, revokeResetLinks } from './sessions.js';

/** Sign-up and its confirmation, log-in, sessions, tokens, password reset and GET /me (A-5… ). */
export const authModule: ModuleDescriptor = {
  name: 'auth',
  routes: [authRoutes],
  permissions: {},
};
