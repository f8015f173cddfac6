import type { Generated } from 'kysely';
import type { Ts } from '../../core/db/column-types.js';

export interface SessionsTable {
  id: string;
  profile_id: string | null;
  staff_id: string | null;
  csrf_token: string;
  ip: Generated<string>;
  user_agent: Generated<string>;
  created_at: Ts;
  last_seen_at: Ts;
  expires_at: Ts;
  revoked_at: Ts | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  profile_id: string | null;
  staff_id: string | null;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Ts;
  last_used_at: Ts | null;
  expires_at: Ts | null;
  revoked_at: Ts | null;
}

/** What a single-use link does: reset a password, set the first one (invitation), confirm a sign-up's address. */
export type TokenPurpose = 'reset' | 'invite' | 'confirm';

export interface PasswordResetTokensTable {
  token_hash: string;
  profile_id: string | null;
  staff_id: string | null;
  purpose: Generated<TokenPurpose>;
  created_at: Ts;
  expires_at: Ts;
  used_at: Ts | null;
}

/**
 * One address, one person: every profile's and staff user's lower-cased e-mail, with its
 * owner. Written only by the triggers of migration 0010 on profiles and staff_users, in the statement
 * that sets the address; the primary key refuses a second person with the same address.
 */
export interface EmailAddressesTable {
  email_lower: string;
  profile_id: string | null;
  staff_id: string | null;
}

/** The tables this module owns. */
export interface AuthTables {
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_reset_tokens: PasswordResetTokensTable;
  email_addresses: EmailAddressesTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends AuthTables {}
}
