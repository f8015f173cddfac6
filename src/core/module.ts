import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from './context.js';
import type { JobDefinition } from './jobs.js';
import type { UndeliverableCheck } from './mail/deliver.js';
import type { ProfilePermission, StaffPermission } from './permissions.js';

/** A navigation section of the portal or the staff console that a module has built. */
export type Section =
  | { key: string; area: 'portal'; permission: ProfilePermission; position: number }
  | { key: string; area: 'staff'; permission: StaffPermission; position: number };

/**
 * What a module brings to the app. Each module's index.ts exports one; `src/modules.ts` lists them,
 * and app.ts, the job runner and GET /me loop over that list, so adding a module is a folder and one
 * line there.
 */
export interface ModuleDescriptor {
  name: string;
  /** Fastify plugins registered under /api/v1 (customer-facing and staff routes alike). */
  routes: FastifyPluginAsync[];
  /** The module's scheduled and queued jobs (E-3); each safe to run twice. */
  jobs?: (ctx: AppContext) => JobDefinition[];
  /** Recipients that must get no mail any more (A-4: a disabled profile), checked before each send. */
  undeliverable?: UndeliverableCheck;
  /** The sections it adds to the navigation, each shown to whoever has its permission. */
  sections?: Section[];
  /**
   * The rows of the permission tables (core/permissions.ts) this module guards. A-2 is
   * one table in the spec and GET /me serves it whole, built or not, so the rows stay there; a
   * module claims the ones its routes use (test/modules.test.ts checks each is claimed once).
   */
  permissions: { profile?: ProfilePermission[]; staff?: StaffPermission[] };
}

/** The sections of the built modules for one area, in navigation order. */
export function sectionsOf<A extends Section['area']>(
  modules: readonly ModuleDescriptor[],
  area: A,
): Extract<Section, { area: A }>[] {
  return modules
    .flatMap((m) => m.sections ?? [])
    .filter((s): s is Extract<Section, { area: A }> => s.area === area)
    .sort((a, b) => a.position - b.position);
}

/** One check over every module's undeliverable recipients (E-1 asks it before sending). */
export function undeliverableOf(modules: readonly ModuleDescriptor[]): UndeliverableCheck {
  const checks = modules.flatMap((m) => (m.undeliverable ? [m.undeliverable] : []));
  return async (db, addresses) => {
    const blocked = new Set<string>();
    for (const check of checks) for (const a of await check(db, addresses)) blocked.add(a);
    return blocked;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The modules the app was built with (src/modules.ts). */
    modules: readonly ModuleDescriptor[];
  }
}
