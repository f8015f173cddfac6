// The licenses module's surface for other modules (files, tickets, billing).
import type { ModuleDescriptor } from '../../core/module.js';
import { licensesRoutes } from './routes.js';
import { licensesStaffRoutes } from './staff-routes.js';

export { countLicensesByState, type Entitlement, listEntitlements } from './entitlements.js';
export { compareVersions, type ReleaseInfo, versionMarks } from './version-marks.js';
export { catalogProducts, freeProductsOfBrand, productById, productsWithBrands } from './catalog.js';
export { activeLicenseHolders, companyLicenseWithProduct, licenseProductVersions } from './entitlements.js';
export { licensesNeedingAction, newReleasesForCompany } from './needs-action.js';
export { listReleases } from './releases.js';
export { companyLicensesByKeys, isReleaseOf, licenseKeysTable, productNames } from './queries.js';
export { companyLicenseSummaries, findLicenseByKey } from './queries.js';

/** Licenses, releases and the license check (L-1…L-10). */
export const licensesModule: ModuleDescriptor = {
  name: 'licenses',
  routes: [licensesRoutes, licensesStaffRoutes],
  sections: [
    { key: 'licenses', area: 'portal', permission: 'licenses.view', position: 30 },
    { key: 'staff-licenses', area: 'staff', permission: 'staff.licenses.view', position: 80 },
    { key: 'staff-releases', area: 'staff', permission: 'staff.releases', position: 90 },
  ],
  permissions: {
    profile: ['licenses.view', 'licenses.upgradePack', 'licenses.manage'],
    staff: ['staff.licenses.view', 'staff.licenses.manage', 'staff.releases'],
  },
};
