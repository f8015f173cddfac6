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

/** S-2…S-4 (assessment/): each ticket's support record, locked by its assessments and decisions. */
export interface SupportTicketsTable {
  ticket_id: string;
  company_id: string;
  plan: SupportPlanKind;
  plan_license_id: string | null;
  plan_until: Ts | null;
  pre_agree_up_to: number | null;
  net_charged: Generated<number>;
  agreement_pending: Generated<boolean>;
  created_at: Ts;
  updated_at: Ts;
}

export type AssessmentState = 'pending' | 'charged' | 'refunded' | 'covered' | 'declined' | 'superseded';
export type VipAllowance = 'vip-modification' | 'vip-upgrade';

/** S-2: one assessment of a ticket (category, price, what it moved, the customer's decision). */
export interface SupportAssessmentsTable {
  id: string;
  seq: ColumnType<string, never, never>;
  ticket_id: string;
  company_id: string;
  category: number;
  credits: number;
  charged: Generated<number>;
  from_version: string | null;
  to_version: string | null;
  patch_steps: number | null;
  note: Generated<string>;
  state: AssessmentState;
  covered_by: VipAllowance | null;
  covered_period: string | null;
  assessed_by: string;
  assessed_by_name: string;
  assessed_at: Ts;
  decided_kind: 'profile' | 'pre-agreement' | 'no-confirmation' | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Ts | null;
  superseded_at: Ts | null;
}

/** S-4: VIP allowances used per owner (company or license) and period. */
export interface SupportVipUsageTable {
  kind: VipAllowance;
  owner_id: string;
  period: string;
  used: Generated<number>;
}

/** S-2: the service-pack pattern (one row). */
export interface SupportAssessmentSettingsTable {
  id: Generated<boolean>;
  service_pack_pattern: Generated<string>;
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
  support_tickets: SupportTicketsTable;
  support_assessments: SupportAssessmentsTable;
  support_vip_usage: SupportVipUsageTable;
  support_assessment_settings: SupportAssessmentSettingsTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends SupportTables {}
}

export type CreditEntry = Selectable<CreditEntriesTable>;
export type SupportPlanRow = Selectable<SupportPlansTable>;
export type SupportTicket = Selectable<SupportTicketsTable>;
export type Assessment = Selectable<SupportAssessmentsTable>;
