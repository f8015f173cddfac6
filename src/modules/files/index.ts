// The file area's descriptor, and the security-patch count of the customer home page.
import type { ModuleDescriptor } from '../../core/module.js';
import { filesRoutes } from './routes.js';
import { filesStaffRoutes } from './staff-routes.js';

export { countRecentSecurityPatches } from './security-patches.js';

/** The file area: company files, product files, upgrade packs, security patches (F-1…F-7). */
export const filesModule: ModuleDescriptor = {
  name: 'files',
  routes: [filesRoutes, filesStaffRoutes],
  sections: [
    { key: 'files', area: 'portal', permission: 'files.company', position: 40 },
    { key: 'staff-files', area: 'staff', permission: 'staff.files', position: 100 },
  ],
  permissions: { profile: ['files.company', 'files.product'], staff: ['staff.files'] },
};
