import { AppError, notFound } from '../../core/errors.js';
import { profileHas } from '../../core/permissions.js';
import { access, type ProfileActor } from '../../core/policy.js';

/**
 * Who may call each route of the file area (A-2 rows "File area"; A-10 content staff), and the
 * row-level rules: a company file is found within the caller's company (another company's is 404);
 * a product file is visible by F-4 (free software to every customer, the rest to profiles with
 * files.product and only for products on an Active license of their company).
 */
export const filesPolicy = {
  tree: access.profile('files.company'),
  listCompanyFiles: access.profile('files.company'),
  listTicketFiles: access.profile('files.company'), // F-1 Ticket files: attachments of the company's tickets
  uploadCompanyFiles: access.profile('files.company'),
  downloadCompanyFile: access.profile('files.company'),
  updateCompanyFile: access.profile('files.company'),
  deleteCompanyFile: access.profile('files.company'),
  // Free software is for every customer (F-4); licensed products need files.product (checked below).
  listProductFiles: access.profile('files.company'),
  downloadProductFile: access.profile('files.company'),
  securityPatches: access.profile('files.product'),
  upgradePackOptions: access.profile('licenses.upgradePack'),
  upgradePack: access.profile('licenses.upgradePack'),
  // Staff.
  staffListProductFiles: access.staff('staff.files'),
  staffUploadProductFile: access.staff('staff.files'),
  staffDeleteProductFile: access.staff('staff.files'),
  staffListCompanyFiles: access.staff('staff.files'),
  staffUploadCompanyFile: access.staff('staff.files'),
};

/** F-4: the product ids whose files a profile may see, given its company's entitlements. */
export interface ProductVisibility {
  /** Licensed products (main and modules) on an Active license; empty for a secondary profile. */
  licensed: Set<string>;
  mayUseLicensed: boolean;
}

/** F-4: may this profile see files of this product? Free software always; the rest by license and role. */
export function canSeeProduct(
  v: ProductVisibility,
  product: { id: string; kind: 'main' | 'module' | 'free' },
): boolean {
  if (product.kind === 'free') return true;
  return v.mayUseLicensed && v.licensed.has(product.id);
}

/**
 * A licensed product's folder or file the caller may not see: a secondary profile is told it is a
 * matter of role (403); for anyone else the product's files do not exist (404), whatever the reason.
 */
export function assertCanSeeProduct(
  actor: ProfileActor,
  v: ProductVisibility,
  product: { id: string; kind: 'main' | 'module' | 'free' } | undefined,
  what = 'This file',
): void {
  if (!product) throw notFound(what);
  if (canSeeProduct(v, product)) return;
  if (!profileHas(actor.role, 'files.product')) {
    throw new AppError(
      'forbidden',
      'Product distribution packages, upgrade packs and security patches are for the primary and advanced secondary profiles.',
    );
  }
  throw notFound(what);
}

/** A company file of another company does not exist for the caller (404, never 403). */
export function assertOwnCompanyFile<T extends { company_id: string }>(
  actor: ProfileActor,
  file: T | undefined,
): asserts file is T {
  if (!file || file.company_id !== actor.companyId) throw notFound('This file');
}

/** Files the vendor put into My files stay until the vendor removes them. */
export function assertCustomerUpload(file: { uploaded_by_profile: string | null }): void {
  if (!file.uploaded_by_profile)
    throw new AppError('forbidden', 'This file was put here by the vendor; ask support to change or remove it.');
}
