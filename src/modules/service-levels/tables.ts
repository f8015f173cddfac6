import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Ts } from '../../core/db/column-types.js';

export type SlaPlan = 'credit' | 'period' | 'vip';
export type SlaPriority = 'major' | 'normal' | 'minor';
export type SlaPhase = 'first' | 'next';

/** S-5 / S-6: the response targets in business minutes, and the warning lead (one row). */
export interface SlaSettingsTable {
  id: Generated<boolean>;
  hotrush_first_minutes: Generated<number>;
  hotrush_next_minutes: Generated<number>;
  vip_first_minutes: Generated<number>;
  vip_next_minutes: Generated<number>;
  major_first_minutes: Generated<number>;
  major_next_minutes: Generated<number>;
  normal_first_minutes: Generated<number>;
  normal_next_minutes: Generated<number>;
  minor_first_minutes: Generated<number>;
  minor_next_minutes: Generated<number>;
  warning_lead_minutes: Generated<number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string | null;
}

/** S-6: the clock of one ticket (see migration 0021 for the model). */
export interface TicketSlaTable {
  ticket_id: string;
  company_id: string;
  department_key: string;
  plan: SlaPlan;
  priority: SlaPriority;
  hotrush: boolean;
  created_at: Ts;
  awaiting: SlaPhase | null;
  wait_started_at: Ts | null;
  target_minutes: number | null;
  held_minutes: Generated<number>;
  hold_since: Ts | null;
  stopped: Generated<boolean>;
  due_at: Ts | null;
  warn_at: Ts | null;
  warned: Generated<boolean>;
  breached: Generated<boolean>;
  breaches: Generated<number>;
  first_response_at: Ts | null;
  first_response_minutes: number | null;
  resolved_at: Ts | null;
  resolution_minutes: number | null;
  updated_at: Ts;
}

/** S-6: a breach, once per due. */
export interface SlaBreachesTable {
  id: Generated<string>;
  ticket_id: string;
  kind: SlaPhase;
  due_at: Ts;
  breached_at: Ts;
  department_key: string;
  plan: string;
  priority: string;
}

/** T-16: the minutes an agent spent on one answer. */
export interface TicketTimeSpentTable {
  message_id: string;
  ticket_id: string;
  staff_id: string;
  minutes: number;
  created_at: Ts;
}

/** The tables this module owns. */
export interface ServiceLevelsTables {
  sla_settings: SlaSettingsTable;
  ticket_sla: TicketSlaTable;
  sla_breaches: SlaBreachesTable;
  ticket_time_spent: TicketTimeSpentTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends ServiceLevelsTables {}
}

export type TicketSla = Selectable<TicketSlaTable>;
export type SlaSettings = Selectable<SlaSettingsTable>;
