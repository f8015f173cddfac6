// The licenses module's surface for other modules (files, tickets, billing).
export { countLicensesByState, type Entitlement, listEntitlements } from './entitlements.js';
export { compareVersions, type ReleaseInfo, versionMarks } from './version-marks.js';
export { catalogProducts, freeProductsOfBrand, productById, productsWithBrands } from './catalog.js';
export { activeLicenseHolders, companyLicenseWithProduct, licenseProductVersions } from './entitlements.js';
