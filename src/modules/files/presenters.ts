import type { CompanyFile, ProductFile } from './tables.js';
import type { CompanyFileDto, ProductFileDto } from './schemas.js';

/** A company file row as the API shows it: no storage key, digest or uploader ids. */
export function presentCompanyFile(f: CompanyFile & { uploader_name: string | null }): CompanyFileDto {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    size: Number(f.size),
    mediaType: f.media_type,
    createdAt: f.created_at.toISOString(),
    uploadedBy: f.uploaded_by_profile
      ? { kind: 'profile', name: f.uploader_name ?? '' }
      : { kind: 'vendor', name: 'Vendor' },
    downloadUrl: `/api/v1/files/company/${f.id}/download`,
  };
}

/** A product file row as the API shows it; the digest lets customers verify a download. */
export function presentProductFile(f: ProductFile): ProductFileDto {
  return {
    id: f.id,
    productId: f.product_id,
    version: f.version,
    kind: f.kind,
    fromVersion: f.from_version,
    toVersion: f.to_version,
    securityPatch: f.security_patch,
    name: f.name,
    description: f.description,
    size: Number(f.size),
    mediaType: f.media_type,
    sha256: f.sha256,
    createdAt: f.created_at.toISOString(),
    downloadUrl: `/api/v1/files/product-files/${f.id}/download`,
  };
}
