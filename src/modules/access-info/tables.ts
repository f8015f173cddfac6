import type { Selectable } from 'kysely';
import type { Ts } from '../../core/db/column-types.js';

export const protocols = ['ssh', 'sftp', 'ftp', 'ftps', 'https', 'other'] as const;
export type Protocol = (typeof protocols)[number];

/** T-18: one ticket's access info, sealed (seal.ts); an erased row keeps only when and by whom. */
export interface TicketAccessInfoTable {
  ticket_id: string;
  company_id: string;
  protocol: Protocol | null;
  key_id: string | null;
  iv: Buffer | null;
  sealed: Buffer | null;
  auth_tag: Buffer | null;
  posted_by: string | null;
  posted_by_label: string;
  posted_at: Ts | null;
  /** When the ticket closed; null while open (kept by the tickets module: noteTicketClosed). */
  ticket_closed_at: Ts | null;
  erased_at: Ts | null;
  erased_by_label: string;
  erase_reason: 'customer' | 'retention' | null;
}

/** The tables this module owns. */
export interface AccessInfoTables {
  ticket_access_info: TicketAccessInfoTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends AccessInfoTables {}
}

export type AccessInfoRow = Selectable<TicketAccessInfoTable>;
