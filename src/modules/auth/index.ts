// The auth module's surface for other modules (accounts, staff): ending a person's credentials,
// the invitation link and mail, and the shape of a person auth can log in.
import type { ModuleDescriptor } from '../../core/module.js';
import { authRoutes } from './routes.js';

export { authenticate, sessionCookieName } from './authenticate.js';
export type { CredentialStore, LoginAccount } from './credential-store.js';
export { invitationMail } from './mails.js';
export { issueResetToken } from './password-reset.js';
export { revokeAllApiTokens, revokeAllSessions, revokeResetLinks } from './sessions.js';

/** Log-in, sessions, tokens, password reset and GET /me (A-5… ). */
export const authModule: ModuleDescriptor = {
  name: 'auth',
  routes: [authRoutes],
  permissions: {},
};
