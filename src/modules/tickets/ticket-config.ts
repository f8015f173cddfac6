import type { Db, DbOrTrx } from '../../core/db/index.js';

export interface TicketType {
  key: string;
  name: string;
  department_key: string;
  system: boolean;
  needs_license: boolean;
  hotrush_allowed: boolean;
  preclose_rule: 'support' | 'sales' | 'project' | 'never';
  position: number;
}

export interface TicketConfig {
  types: Map<string, TicketType>;
  departments: Map<string, { key: string; name: string; position: number }>;
}

const ttlMs = 30_000;
const cache = new WeakMap<object, { at: number; value: Promise<TicketConfig> }>();

/**
 * T-2: the vendor's ticket types and departments. They change rarely, and every ticket request
 * needs them: kept per database for 30 seconds, so creating or listing tickets does not read them
 * each time (several processes see a change within the TTL). A key that is not in the cached copy
 * is looked up again with `fresh` before it is refused.
 */
export function ticketConfig(db: DbOrTrx | Db, fresh = false): Promise<TicketConfig> {
  const hit = cache.get(db);
  if (hit && !fresh && Date.now() - hit.at < ttlMs) return hit.value;
  const value = (async () => {
    const [types, departments] = await Promise.all([
      db.selectFrom('ticket_types').selectAll().orderBy('position').execute(),
      db.selectFrom('departments').select(['key', 'name', 'position']).orderBy('position').execute(),
    ]);
    return { types: new Map(types.map((t) => [t.key, t])), departments: new Map(departments.map((d) => [d.key, d])) };
  })();
  value.catch(() => cache.delete(db));
  cache.set(db, { at: Date.now(), value });
  return value;
}

/** The config holding every given type and department key, read again when the cached copy lacks one. */
export async function ticketConfigWith(
  db: DbOrTrx | Db,
  need: { types?: string[]; departments?: string[] },
): Promise<TicketConfig> {
  const config = await ticketConfig(db);
  const covered =
    (need.types ?? []).every((k) => config.types.has(k)) &&
    (need.departments ?? []).every((k) => config.departments.has(k));
  return covered ? config : ticketConfig(db, true);
}
