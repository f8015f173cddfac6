import type { Generated, Selectable } from 'kysely';
import type { Ts } from '../../core/db/column-types.js';
import type { StaffRole } from '../../core/permissions.js';

export interface StaffUsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_at: Ts | null;
  /** The staff user's own IANA zone; null = not set (the UI uses the browser's zone). */
  timezone: Generated<string | null>;
  last_login_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}

/** The tables this module owns. */
export interface StaffTables {
  staff_users: StaffUsersTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends StaffTables {}
}

export type StaffUser = Selectable<StaffUsersTable>;
