import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Ts, Json } from '../../core/db/column-types.js';

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

/** The tables this module owns. */
export interface LicensesTables {
  brands: BrandsTable;
  products: ProductsTable;
  releases: ReleasesTable;
  licenses: LicensesTable;
  license_items: LicenseItemsTable;
  license_subscriptions: LicenseSubscriptionsTable;
  license_events: LicenseEventsTable;
  license_url_changes: LicenseUrlChangesTable;
  signing_keys: SigningKeysTable;
  license_transfers: LicenseTransfersTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends LicensesTables {}
}

export type License = Selectable<LicensesTable>;
