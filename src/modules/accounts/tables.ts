import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Ts } from '../../core/db/column-types.js';
import type { ProfileRole } from '../../core/permissions.js';

export interface CompaniesTable {
  id: Generated<string>;
  name: string;
  address: Generated<string>;
  phone: Generated<string>;
  tax_id: Generated<string>;
  billing_email: Generated<string>;
  first_order_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface ProfilesTable {
  id: Generated<string>;
  company_id: string;
  role: ProfileRole;
  email: string;
  name: string;
  phone: Generated<string>;
  job_title: Generated<string>;
  /** The person's own IANA zone; null = not set (the UI uses the browser's zone). */
  timezone: string | null;
  password_hash: string | null;
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_at: Ts | null;
  notify_tickets: Generated<boolean>;
  news_security: Generated<boolean>;
  news_product: Generated<boolean>;
  last_login_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
  /** null until a self-service sign-up opens its confirmation link; then it may log in. */
  email_confirmed_at: Ts | null;
}

export interface ProfileAvatarsTable {
  profile_id: string;
  content: Buffer;
  media_type: string;
  updated_at: Ts;
}

/** The tables this module owns. */
export interface AccountsTables {
  companies: CompaniesTable;
  profiles: ProfilesTable;
  profile_avatars: ProfileAvatarsTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends AccountsTables {}
}

export type Company = Selectable<CompaniesTable>;
export type Profile = Selectable<ProfilesTable>;
export type NewProfile = Insertable<ProfilesTable>;
export type ProfileUpdate = Updateable<ProfilesTable>;
