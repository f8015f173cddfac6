import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, Ts } from '../../core/db/column-types.js';

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
  /** S-4: opened under VIP care: queues after HotRush, before the rest (hot_rank, 0021). */
  vip: Generated<boolean>;
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
  /** Who wrote the last message the customer sees, and since when that side waits (kept by triggers, 0014). */
  last_public_by: ColumnType<'customer' | 'staff' | null, never, never>;
  waiting_since: ColumnType<Date | null, never, never>;
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
  /** 'duplicate': a redelivery of a message already received (same Message-ID), not for review. */
  state: 'received' | 'processing' | 'posted' | 'opened' | 'held' | 'discarded' | 'duplicate';
  reason: Generated<string>;
  from_address: Generated<string>;
  subject: Generated<string>;
  message_id: Generated<string>;
  ticket_id: string | null;
  /** When processing ended; while 'processing', the claim's heartbeat (a lapsed one is taken over). */
  processed_at: Ts | null;
  /** The SMTP client of the listener (empty when piped). */
  client_ip: Generated<string>;
  helo: Generated<string>;
  /** What the decision was based on (InboundChecks): authentication, envelope, reply token. */
  checks: Json | null;
}

/** T-12: how many HotRush disables a company has used (no row: none). */
export interface TicketCompanyCountersTable {
  company_id: string;
  hotrush_disables: Generated<number>;
}

/** Issue 11: open work per department × status × owner (zero uuid: nobody) × waiting on the customer (0014 trigger). */
export interface TicketQueueCountsTable {
  department_key: string;
  status: TicketStatus;
  assignee_key: string;
  waiting: boolean;
  n: ColumnType<string, number, number>;
}

/** Issue 11: tickets created, solved and rated per UTC hour and department (0014 trigger). */
export interface TicketStatsHourlyTable {
  hour: Ts;
  department_key: string;
  created: Generated<number>;
  solved: Generated<number>;
  rated: Generated<number>;
  rating_sum: Generated<number>;
  rated_good: Generated<number>;
}

/** The tables this module owns. */
export interface TicketsTables {
  departments: DepartmentsTable;
  ticket_types: TicketTypesTable;
  tickets: TicketsTable;
  ticket_licenses: TicketLicensesTable;
  ticket_messages: TicketMessagesTable;
  ticket_events: TicketEventsTable;
  ticket_attachments: TicketAttachmentsTable;
  canned_replies: CannedRepliesTable;
  inbound_mail: InboundMailTable;
  ticket_company_counters: TicketCompanyCountersTable;
  ticket_queue_counts: TicketQueueCountsTable;
  ticket_stats_hourly: TicketStatsHourlyTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends TicketsTables {}
}

export type Ticket = Selectable<TicketsTable>;
export type TicketMessage = Selectable<TicketMessagesTable>;
