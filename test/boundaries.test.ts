import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoundaries } from '../scripts/check-boundaries.js';

/** A throw-away project tree with two modules, `a` and `b`, and core. */
function plant(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-boundaries-'));
  const base: Record<string, string> = {
    'src/core/db/core-tables.ts': 'export interface CoreTables {\n  audit_log: AuditLogTable;\n}\n',
    'src/modules/a/tables.ts': 'export interface ATables {\n  a_rows: ARowsTable;\n}\n',
    'src/modules/b/tables.ts': 'export interface BTables {\n  b_rows: BRowsTable;\n  b_more: BMoreTable;\n}\n',
    'src/modules/b/index.ts': "export { bThing } from './thing.js';\n",
    'src/modules/b/thing.ts': "export const bThing = (db) => db.selectFrom('b_rows').selectAll();\n",
  };
  for (const [f, text] of Object.entries({ ...base, ...files })) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), text);
  }
  return root;
}

const messages = (root: string) => checkBoundaries(root).map((p) => `${p.file}: ${p.message}`);

describe('module boundaries (issue 9: npm run lint runs this check)', () => {
  it('the tree as it is has no import past an index.ts and no SQL on another module’s table', () => {
    expect(messages(process.cwd())).toEqual([]);
  });

  it('a planted import of another module’s internals fails; its index.ts passes', () => {
    const root = plant({
      'src/modules/a/ok.ts': "import { bThing } from '../b/index.js';\nexport const x = bThing;\n",
      'src/modules/a/bad.ts': "import { bThing } from '../b/thing.js';\nexport const y = bThing;\n",
    });
    expect(messages(root)).toEqual(["src/modules/a/bad.ts: imports ../b/thing.js, past module b's index.ts"]);
  });

  it('planted queries on another owner’s tables fail, whatever the Kysely call or raw SQL', () => {
    const root = plant({
      'src/modules/a/own.ts': "export const own = (db) => db.selectFrom('a_rows as r').selectAll();\n",
      'src/modules/a/join.ts':
        "export const j = (db) => db.selectFrom('a_rows').innerJoin('b_rows as b', 'b.id', 'a_rows.b_id');\n",
      'src/modules/a/write.ts': "export const w = (db) => db.updateTable('b_more').set({ n: 1 });\n",
      'src/modules/a/raw.ts': 'export const r = (sql) => sql`SELECT * FROM a_rows JOIN b_rows ON true`;\n',
      'src/modules/a/core.ts': "export const c = (db) => db.insertInto('audit_log').values({});\n",
    });
    expect(messages(root).sort()).toEqual([
      'src/modules/a/core.ts: names table audit_log, which module core owns',
      'src/modules/a/join.ts: names table b_rows, which module b owns',
      'src/modules/a/raw.ts: names table b_rows, which module b owns',
      'src/modules/a/write.ts: names table b_more, which module b owns',
    ]);
  });

  it('core importing a module fails; tests and matrix files are exempt', () => {
    const root = plant({
      'src/core/uses-module.ts': "import { bThing } from '../modules/b/index.js';\nexport const z = bThing;\n",
      'src/modules/a/a.test.ts':
        "import { bThing } from '../b/thing.js';\nconst q = (db) => db.selectFrom('b_rows');\n",
      'src/modules/a/a.matrix.ts': "import { bThing } from '../b/thing.js';\n",
    });
    expect(messages(root)).toEqual(['src/core/uses-module.ts: core imports module b']);
  });
});
