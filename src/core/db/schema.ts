import type { CoreTables } from './core-tables.js';

/**
 * The Kysely type of the whole database. Core declares its own tables here; every module adds the
 * tables it owns from its `tables.ts` by augmenting this interface, so adding a module edits no
 * core file, and no module's types describe another's tables. `test/schema-types.test.ts` compares
 * the result with information_schema after migrating.
 */
export interface Database extends CoreTables {}

export type { AuditEntry, OutboxMail } from './core-tables.js';
