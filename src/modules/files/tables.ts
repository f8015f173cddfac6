import type { Generated, Selectable } from 'kysely';
import type { Ts } from '../../core/db/column-types.js';

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

/** The tables this module owns. */
export interface FilesTables {
  product_files: ProductFilesTable;
  company_files: CompanyFilesTable;
}

declare module '../../core/db/schema.js' {
  interface Database extends FilesTables {}
}

export type ProductFile = Selectable<ProductFilesTable>;
export type CompanyFile = Selectable<CompanyFilesTable>;
