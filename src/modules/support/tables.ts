import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Json, Ts } from '../../core/db/column-types.js';

export type SupportPlanKind = 'credit' | 'period' | 'vip';

export type CreditEntryKind = 'granted' | 'purchased' | 'charged' | 'refunded' | 'adjusted';

/** S-2 / S-4 defaults staff edit (one row). */
export interface SupportSettingsTable {
  id: Generated<boolean>;
  first_license_credits: Generated<number>;
  additional_license_credits: Generated<number>;
  additional_storefront_credits: Generated<number>;
  vip_days: Generated<number>;
  vip_modifications_per_month: Generated<number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

/** S-1: what a license of a product comes with (no row: credits). */
export interface SupportProductTermsTable {
  product_id: string;
  plan: SupportPlanKind;
  period_days: number | null;
  storefront: Generated<boolean>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

/** S-1: each license's plan; the plan in force is derived from the two ends (planAt). */
export interface SupportPlansTable {
  license_id: string;
  company_id: string;
  product_id: string;
  period_ends_at: Ts | null;
  vip_until: Ts | null;
  granted_at: Ts;
  updated_at: Ts;
}

/** S-2: a company's balance, the sum of its ledger kept in the same transaction. */
export interface CreditWalletsTable {
  company_id: string;
  balance: Generated<number>;
  updated_at: Ts;
}

/** S-2: the append-only ledger. */
export interface CreditEntriesTable {
  seq: ColumnType<string, never, never>;
  id: Generated<string>;
  company_id: string;
  kind: CreditEntryKind;
  amount: number;
  balance_after: number;
  ticket_id: string | null;
  license_id: string | null;
  source: string | null;
  reason: Generated<string>;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  created_at: Ts;
}

/** S-5: the support hours (BusinessCalendarSettings as JSON, one row). */
export interface SupportCalendarTable {
  id: Generated<boolean>;
  settings: Json;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

/** The tables this module owns. */
export interface SupportTables {
  support_settings: SupportSettingsTable;
  support_product_terms: SupportProductTermsTable;
  support_plans: SupportPlansTable;
  credit_wallets: CreditWalletsTable;
  credit_entries: CreditEntriesTable;
  support_calendar: SupportCalendarTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends SupportTables {}
}

export type CreditEntry = Selectable<CreditEntriesTable>;
export type SupportPlanRow = Selectable<SupportPlansTable>;
