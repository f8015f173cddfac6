import type { DbOrTrx } from '../../core/db/index.js';
import { profileHas } from '../../core/permissions.js';
import type { ProfileActor } from '../../core/policy.js';
import { countLicensesByState, type Entitlement, listEntitlements } from '../licenses/index.js';
import type { ProductVisibility } from './policy.js';
import type { HiddenReason } from './schemas.js';

export interface Visibility extends ProductVisibility {
  entitlements: Entitlement[];
}

/** F-4: which licensed products the profile may see files of (products on Active licenses, by role). */
export async function productVisibility(db: DbOrTrx, actor: ProfileActor): Promise<Visibility> {
  const mayUseLicensed = profileHas(actor.role, 'files.product');
  const entitlements = mayUseLicensed ? await listEntitlements(db, actor.companyId) : [];
  return { mayUseLicensed, licensed: new Set(entitlements.map((e) => e.productId)), entitlements };
}

/** F-4: why a company sees no licensed product files: its role, or licenses Pending / Not accepted / none. */
export async function hiddenReasons(db: DbOrTrx, actor: ProfileActor, v: Visibility): Promise<HiddenReason[]> {
  if (!v.mayUseLicensed) {
    return [
      {
        code: 'secondary',
        message:
          'Product files, upgrade packs and security patches are available to the primary and advanced secondary profiles of your company.',
      },
    ];
  }
  if (v.licensed.size > 0) return [];
  const counts = await countLicensesByState(db, actor.companyId);
  const reasons: HiddenReason[] = [];
  if (counts.pending > 0) {
    reasons.push({
      code: 'license-pending',
      message: 'Your license is Pending: the purchase is being verified. Its product files appear once it is verified.',
    });
  }
  if (counts.not_accepted > 0) {
    reasons.push({
      code: 'license-not-accepted',
      message:
        'Your license is Not accepted: the company owner must accept the license agreement in My licenses before its product files appear.',
    });
  }
  if (reasons.length === 0)
    reasons.push({
      code: 'no-license',
      message: 'Your company has no Active license, so there are no product files to download.',
    });
  return reasons;
}
