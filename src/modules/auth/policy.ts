import { access } from '../../core/policy.js';

/** Who may call each route of the auth module. */
export const authPolicy = {
  signUp: access.public,
  confirmEmail: access.public,
  resendConfirmation: access.public,
  logIn: access.public,
  staffLogIn: access.public,
  logOut: access.signedIn,
  requestPasswordReset: access.public,
  confirmPasswordReset: access.public,
  session: access.public,
  me: access.signedIn,
  changePassword: access.signedIn,
  listSessions: access.signedIn,
  revokeSession: access.signedIn,
  listTokens: access.signedIn,
  createToken: access.signedIn,
  revokeToken: access.signedIn,
};
