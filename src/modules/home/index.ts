// The customer home page: numbers composed from the tickets, licenses and files modules' doors.
import type { ModuleDescriptor } from '../../core/module.js';
import { homeRoutes } from './routes.js';

/** The portal's home page (issue 11): what needs the customer, at a glance. Owns no table. */
export const homeModule: ModuleDescriptor = {
  name: 'home',
  routes: [homeRoutes],
  permissions: {},
};
