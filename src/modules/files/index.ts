// What other modules may use from the file area.
export { filesRoutes } from './routes.js';
export { filesStaffRoutes } from './staff-routes.js';
