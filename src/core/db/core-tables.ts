import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Ts, Json } from './column-types.js';

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
  /** While status is 'sending': the claim's lease, renewed while the send runs; a lapsed one is taken over. */
  locked_until: Ts | null;
  last_error: string | null;
  sent_at: Ts | null;
  /** Pushed back because the relay was unreachable for everyone: no attempt spent, due again when it answers. */
  relay_deferred: Generated<boolean>;
}

/** Keys the app made once and every app server shares (the reply address key of E-2). */
export interface ServerSecretsTable {
  name: string;
  value: Buffer;
}

/** The stored first answer of a create request sent with an Idempotency-Key (issue 19). */
export interface IdempotencyKeysTable {
  id: Generated<string>;
  /** Whose key it is: `profile:<id>` or `staff:<id>`. */
  scope: string;
  key: string;
  /** SHA-256 of the method, path and the request's validated content. */
  request_hash: string;
  status: number;
  /** The answer's JSON exactly as it was sent. */
  body: string;
  created_at: Ts;
  expires_at: Ts;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Ts;
}

/** The tables core owns: the audit log, the mail outbox, the server secrets, the idempotency keys and the migrations' record. */
export interface CoreTables {
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  server_secrets: ServerSecretsTable;
  idempotency_keys: IdempotencyKeysTable;
  schema_migrations: SchemaMigrationsTable;
}

export type AuditEntry = Selectable<AuditLogTable>;
export type OutboxMail = Selectable<MailOutboxTable>;
