import type { ModuleDescriptor } from './core/module.js';
import { accessInfoModule } from './modules/access-info/index.js';
import { accountsModule } from './modules/accounts/index.js';
import { authModule } from './modules/auth/index.js';
import { chatModule } from './modules/chat/index.js';
import { filesModule } from './modules/files/index.js';
import { homeModule } from './modules/home/index.js';
import { licensesModule } from './modules/licenses/index.js';
import { staffModule } from './modules/staff/index.js';
import { serviceLevelsModule } from './modules/service-levels/index.js';
import { supportModule } from './modules/support/index.js';
import { ticketsModule } from './modules/tickets/index.js';

/**
 * Every module of the app. app.ts registers their routes, jobs.ts runs their jobs and GET /me
 * lists their sections from this list: adding a module is its folder and one line here.
 */
export const modules: readonly ModuleDescriptor[] = [
  authModule,
  accountsModule,
  staffModule,
  licensesModule,
  ticketsModule,
  filesModule,
  homeModule,
  supportModule,
  accessInfoModule,
  serviceLevelsModule,
  chatModule,
];
