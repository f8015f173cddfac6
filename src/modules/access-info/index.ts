// The access-info module's surface (T-18): its routes and job, and what the tickets module and the
// server call: a ticket's close / re-open, and the key set-up at start.
import type { ModuleDescriptor } from '../../core/module.js';
import { accessInfoJobs } from './jobs.js';
import { accessInfoRoutes } from './routes.js';

export { noteTicketClosed } from './ticket-closed.js';
export { checkAccessInfoKeys, withEmbeddedAccessInfoKey } from './key-setup.js';

/** T-18 Access info: server access details left on a ticket, sealed, shown to the ticket's workers. */
export const accessInfoModule: ModuleDescriptor = {
  name: 'access-info',
  routes: [accessInfoRoutes],
  jobs: accessInfoJobs,
  permissions: {},
};
