import * as auth from './routes/auth';
import * as chat from './routes/chat';
import * as files from './routes/files';
import * as home from './routes/home';
import * as licenses from './routes/licenses';
import * as profiles from './routes/profiles';
import * as serviceLevels from './routes/service-levels';
import * as staff from './routes/staff';
import * as support from './routes/support';
import * as supportStaff from './routes/support-staff';
import * as tickets from './routes/tickets';
import type { WebModule } from './web-module';

/**
 * The web modules: each folder under routes/ exports its pages and navigation entries from its
 * index.tsx. Adding a module is its folder and one line here; AppRoutes and the navigation loop over it.
 */
export const modules: WebModule[] = [
  auth,
  home,
  profiles,
  licenses,
  tickets,
  support,
  files,
  staff,
  supportStaff,
  serviceLevels,
  chat,
];
