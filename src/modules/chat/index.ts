// The chat module's surface: S-4 VIP live chat (no other module calls it yet).
import type { ModuleDescriptor } from '../../core/module.js';
import { chatRoutes } from './routes.js';

/** S-4: live chat for VIP companies during support hours, turned into a ticket when needed. */
export const chatModule: ModuleDescriptor = {
  name: 'chat',
  routes: [chatRoutes],
  sections: [{ key: 'staff-chat', area: 'staff', permission: 'staff.tickets', position: 15 }],
  permissions: {},
};
