// The auth module's surface for other modules (accounts, staff): ending a person's credentials,
// the invitation link and mail, and the shape of a person auth can log in.
export type { CredentialStore, LoginAccount } from './credential-store.js';
export { invitationMail } from './mails.js';
export { issueResetToken } from './password-reset.js';
export { revokeAllApiTokens, revokeAllSessions, revokeResetLinks } from './sessions.js';
