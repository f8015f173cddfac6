import { access } from '../../core/policy.js';

/**
 * Who may call the home module's route. A-2 has no row for the home page: every profile role has
 * the Communication center, its first numbers, so the route asks for that; each further part of the
 * summary is filled only for a role with its own permission (see customer-home.ts).
 */
export const homePolicy = {
  summary: access.profile('tickets.use'),
};
