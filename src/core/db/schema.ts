import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps go in as Date and come out as Date (pg parses timestamptz). */
type Ts = ColumnType<Date, Date, Date>;
type Json = ColumnType<unknown, string, string>;

export interface CompaniesTable {
  id: Generated<string>;
  name: string;
  address: Generated<string>;
  phone: Generated<string>;
  tax_id: Generated<string>;
  billing_email: Generated<string>;
  first_order_at: Ts | null;
  hotrush_disables: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
}

export type ProfileRole = 'primary' | 'advanced' | 'secondary';

export interface ProfilesTable {
  id: Generated<string>;
  company_id: string;
  role: ProfileRole;
  email: string;
  name: string;
  phone: Generated<string>;
  job_title: Generated<string>;
  timezone: Generated<string>;
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
}

export interface ProfileAvatarsTable {
  profile_id: string;
  content: Buffer;
  media_type: string;
  updated_at: Ts;
}

export type StaffRole = 'agent' | 'department_head' | 'billing' | 'sales' | 'content' | 'admin';

export interface StaffUsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_at: Ts | null;
  last_login_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}

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

export interface PasswordResetTokensTable {
  token_hash: string;
  profile_id: string | null;
  staff_id: string | null;
  purpose: Generated<'reset' | 'invite'>;
  created_at: Ts;
  expires_at: Ts;
  used_at: Ts | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Ts;
  actor_kind: 'profile' | 'staff' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_label: Generated<string>;
  company_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  ip: Generated<string>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  created_at: Ts;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: ColumnType<Record<string, string>, string, string>;
  message_id: string;
  kind: Generated<string>;
  status: Generated<'pending' | 'sending' | 'sent' | 'failed'>;
  transport: string | null;
  attempts: Generated<number>;
  next_attempt_at: Ts;
  locked_until: Ts | null;
  last_error: string | null;
  sent_at: Ts | null;
}

export interface BrandsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  agreement: Generated<string>;
  shop_url: Generated<string>;
  created_at: Ts;
}

export interface ProductsTable {
  id: Generated<string>;
  brand_id: string;
  name: string;
  slug: string;
  kind: 'main' | 'module' | 'free';
  parent_id: string | null;
  created_at: Ts;
}

export interface ReleasesTable {
  id: Generated<string>;
  product_id: string;
  version: string;
  branch: string;
  released_on: ColumnType<string, string, string>;
  notes: Generated<string>;
  created_at: Ts;
}

export type LicenseState = 'pending' | 'not_accepted' | 'active' | 'revoked';

export interface LicensesTable {
  id: Generated<string>;
  key: string;
  company_id: string;
  brand_id: string;
  product_id: string;
  state: LicenseState;
  url: Generated<string>;
  host: Generated<string>;
  registrable_domain: Generated<string>;
  holder_status: Generated<string>;
  holder_version: Generated<string>;
  registered_at: Ts | null;
  free_domain_change_used: Generated<boolean>;
  accepted_at: Ts | null;
  accepted_by: string | null;
  revoked_at: Ts | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface LicenseItemsTable {
  id: Generated<string>;
  license_id: string;
  product_id: string;
  version: Generated<string>;
  added_at: Ts;
}

export interface LicenseSubscriptionsTable {
  id: Generated<string>;
  license_id: string;
  name: string;
  expires_at: Ts;
  created_at: Ts;
}

export interface LicenseEventsTable {
  id: Generated<string>;
  license_id: string;
  company_id: string;
  at: Ts;
  kind: string;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  detail: Json;
}

export interface LicenseUrlChangesTable {
  id: Generated<string>;
  license_id: string;
  from_url: string;
  to_url: string;
  change_kind: 'first' | 'folder' | 'subdomain' | 'domain';
  state: 'applied' | 'fee_due' | 'cancelled';
  fee_waived_by: string | null;
  requested_by: string | null;
  requested_at: Ts;
  resolved_at: Ts | null;
}

export type TicketStatus = 'submitted' | 'assigned' | 'in_progress' | 'pre_closed' | 'closed' | 'reopened';
export type TicketPriority = 'major' | 'normal' | 'minor';

export interface DepartmentsTable {
  key: string;
  name: string;
  head_staff_id: string | null;
  position: Generated<number>;
}

export interface TicketTypesTable {
  key: string;
  name: string;
  department_key: string;
  system: Generated<boolean>;
  needs_license: Generated<boolean>;
  hotrush_allowed: Generated<boolean>;
  preclose_rule: 'support' | 'sales' | 'project' | 'never';
  position: Generated<number>;
}

export interface TicketsTable {
  id: Generated<string>;
  number: Generated<string>;
  company_id: string;
  author_id: string | null;
  type_key: string;
  department_key: string;
  title: string;
  status: TicketStatus;
  priority: TicketPriority;
  hotrush: Generated<boolean>;
  product_id: string | null;
  version: Generated<string>;
  assignee_id: string | null;
  effective: ColumnType<string, number | string, number | string>;
  due_at: Ts | null;
  hot_rank: ColumnType<number, never, never>;
  queue_due: ColumnType<Date, never, never>;
  queue_effective: ColumnType<number, never, never>;
  solved_at: Ts | null;
  last_message_at: Ts;
  last_activity_at: Ts;
  pre_closed_at: Ts | null;
  closed_at: Ts | null;
  rating: number | null;
  rating_comment: Generated<string>;
  rated_at: Ts | null;
  first_answer_at: Ts | null;
  license_log_id: string | null;
  merged_into_id: string | null;
  search: ColumnType<string, never, never>;
  created_at: Ts;
  updated_at: Ts;
}

export interface TicketLicensesTable {
  ticket_id: string;
  license_id: string;
}

export interface TicketMessagesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  ticket_id: string;
  company_id: string;
  message_code: string;
  author_kind: 'profile' | 'staff' | 'system';
  author_profile_id: string | null;
  author_staff_id: string | null;
  internal: Generated<boolean>;
  body: string;
  source: 'web' | 'email' | 'system' | 'api';
  email_message_id: string | null;
  search: ColumnType<string, never, never>;
  created_at: Ts;
}

export interface TicketEventsTable {
  id: Generated<string>;
  ticket_id: string;
  at: Ts;
  kind: string;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  from_value: string | null;
  to_value: string | null;
  internal: Generated<boolean>;
}

export interface TicketAttachmentsTable {
  id: Generated<string>;
  ticket_id: string;
  message_id: string;
  company_id: string;
  name: string;
  size: ColumnType<string, number, number>;
  media_type: string;
  storage_key: string;
  sha256: string;
  created_at: Ts;
}

export interface CannedRepliesTable {
  id: Generated<string>;
  department_key: string | null;
  title: string;
  body: string;
  created_by: string | null;
  created_at: Ts;
}

export interface InboundMailTable {
  id: Generated<string>;
  received_at: Ts;
  via: 'smtp' | 'pipe' | 'api';
  envelope_from: Generated<string>;
  envelope_to: Generated<string>;
  raw: Buffer;
  size: number;
  state: 'received' | 'processing' | 'posted' | 'opened' | 'held' | 'discarded';
  reason: Generated<string>;
  from_address: Generated<string>;
  subject: Generated<string>;
  message_id: Generated<string>;
  ticket_id: string | null;
  processed_at: Ts | null;
}

export interface SigningKeysTable {
  id: string;
  private_key_pem: string;
  public_key_pem: string;
  created_at: Ts;
}

export interface LicenseTransfersTable {
  id: Generated<string>;
  license_id: string;
  from_company_id: string;
  to_company_id: string | null;
  to_email: string;
  new_customer: Json | null;
  state: 'requested' | 'completed' | 'declined' | 'cancelled';
  requested_by: string;
  requested_at: Ts;
  resolved_at: Ts | null;
  resolved_by_kind: string | null;
  resolved_by_id: string | null;
  snapshot: Json | null;
}

export type ProductFileKind = 'package' | 'upgrade' | 'patch';

export interface ProductFilesTable {
  id: Generated<string>;
  product_id: string;
  version: string | null;
  kind: ProductFileKind;
  from_version: string | null;
  to_version: string | null;
  security_patch: Generated<boolean>;
  name: string;
  description: Generated<string>;
  size: number;
  media_type: string;
  storage_key: string;
  sha256: string;
  created_at: Ts;
  created_by: string | null;
}

export interface CompanyFilesTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  description: Generated<string>;
  size: number;
  media_type: string;
  storage_key: string;
  sha256: string;
  uploaded_by_profile: string | null;
  uploaded_by_staff: string | null;
  created_at: Ts;
  updated_at: Ts;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Ts;
}

export interface Database {
  companies: CompaniesTable;
  profiles: ProfilesTable;
  profile_avatars: ProfileAvatarsTable;
  staff_users: StaffUsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_reset_tokens: PasswordResetTokensTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  brands: BrandsTable;
  products: ProductsTable;
  releases: ReleasesTable;
  licenses: LicensesTable;
  license_items: LicenseItemsTable;
  license_subscriptions: LicenseSubscriptionsTable;
  license_events: LicenseEventsTable;
  license_url_changes: LicenseUrlChangesTable;
  license_transfers: LicenseTransfersTable;
  signing_keys: SigningKeysTable;
  departments: DepartmentsTable;
  ticket_types: TicketTypesTable;
  tickets: TicketsTable;
  ticket_licenses: TicketLicensesTable;
  ticket_messages: TicketMessagesTable;
  ticket_events: TicketEventsTable;
  ticket_attachments: TicketAttachmentsTable;
  canned_replies: CannedRepliesTable;
  inbound_mail: InboundMailTable;
  schema_migrations: SchemaMigrationsTable;
  product_files: ProductFilesTable;
  company_files: CompanyFilesTable;
}

export type Company = Selectable<CompaniesTable>;
export type Profile = Selectable<ProfilesTable>;
export type NewProfile = Insertable<ProfilesTable>;
export type ProfileUpdate = Updateable<ProfilesTable>;
export type StaffUser = Selectable<StaffUsersTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type OutboxMail = Selectable<MailOutboxTable>;
export type License = Selectable<LicensesTable>;
export type ProductFile = Selectable<ProductFilesTable>;
export type CompanyFile = Selectable<CompanyFilesTable>;
export type Ticket = Selectable<TicketsTable>;
export type TicketMessage = Selectable<TicketMessagesTable>;
