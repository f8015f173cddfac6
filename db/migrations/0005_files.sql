-- File area (SPEC F-1 … F-7): product files released by the vendor, and each company's "My files".
-- Contents live in the storage (F-6) under generated keys; these rows hold names and metadata.

-- F-1: product files, per product and version. kind 'upgrade' carries the from → to versions of an
-- upgrade pack part (F-5); security_patch marks files listed together and announced (F-7).
-- size is an integer: one file is at most 2 GiB - 1 byte (the upload limits are far below).
CREATE TABLE product_files (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id      uuid NOT NULL REFERENCES products (id),
  version         text,
  kind            text NOT NULL CHECK (kind IN ('package', 'upgrade', 'patch')),
  from_version    text,
  to_version      text,
  security_patch  boolean NOT NULL DEFAULT false,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description     text NOT NULL DEFAULT '',
  size            integer NOT NULL CHECK (size >= 0),
  media_type      text NOT NULL,
  storage_key     text NOT NULL UNIQUE,
  sha256          text NOT NULL,
  created_at      timestamptz NOT NULL,
  created_by      uuid REFERENCES staff_users (id),
  CHECK ((kind = 'upgrade') = (from_version IS NOT NULL AND to_version IS NOT NULL))
);
-- F-2: one index per list order of a folder (product + version); descending reads scan backwards.
CREATE INDEX product_files_name_idx ON product_files (product_id, version, lower(name), id);
CREATE INDEX product_files_size_idx ON product_files (product_id, version, size, id);
CREATE INDEX product_files_date_idx ON product_files (product_id, version, created_at, id);
-- F-5: the parts of an upgrade pack.
CREATE INDEX product_files_upgrade_idx ON product_files (product_id, from_version, to_version) WHERE kind = 'upgrade';
-- F-7: security patches per product, newest first.
CREATE INDEX product_files_security_idx ON product_files (product_id, created_at DESC) WHERE security_patch;

-- F-1, F-3: "My files" of a company: its members' uploads and files the vendor put there.
CREATE TABLE company_files (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id          uuid NOT NULL REFERENCES companies (id),
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description         text NOT NULL DEFAULT '',
  size                integer NOT NULL CHECK (size >= 0),
  media_type          text NOT NULL,
  storage_key         text NOT NULL UNIQUE,
  sha256              text NOT NULL,
  uploaded_by_profile uuid REFERENCES profiles (id),
  uploaded_by_staff   uuid REFERENCES staff_users (id),
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  CHECK ((uploaded_by_profile IS NULL) <> (uploaded_by_staff IS NULL))
);
CREATE INDEX company_files_name_idx ON company_files (company_id, lower(name), id);
CREATE INDEX company_files_size_idx ON company_files (company_id, size, id);
CREATE INDEX company_files_date_idx ON company_files (company_id, created_at, id);
