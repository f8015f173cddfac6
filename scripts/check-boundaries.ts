/**
 * Module boundaries, checked by `npm run lint` (SPEC/STYLE: modules meet only through their index.ts):
 * 1. no file under src/modules/<m>/ imports another module's file other than its index.ts, and core
 *    imports no module at all;
 * 2. every table is declared by exactly one owner (src/modules/<m>/tables.ts, or core's
 *    src/core/db/core-tables.ts), and no module's or core's code names a table that another owns —
 *    in a Kysely call (selectFrom, joins, insertInto, updateTable, deleteFrom, mergeInto, sql.table)
 *    or in raw SQL (FROM / JOIN / INTO / UPDATE / TABLE, any case).
 * Tests and matrix files are exempt: a test may set up any row it needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BoundaryProblem {
  file: string;
  line: number;
  message: string;
}

const exempt = /\.(test|matrix)\.tsx?$/;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !exempt.test(e.name) ? [p] : [];
  });
}

/** The tables each owner declares: the members of its `…Tables` interface. */
export function tableOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  const declare = (owner: string, file: string) => {
    if (!fs.existsSync(file)) return;
    const src = fs.readFileSync(file, 'utf8');
    for (const block of src.matchAll(/export interface \w+Tables \{([^}]*)\}/g)) {
      for (const [, table] of (block[1] ?? '').matchAll(/^\s*([a-z][a-z0-9_]*)\s*:/gm)) {
        if (table) owners.set(table, owner);
      }
    }
  };
  declare('core', path.join(root, 'src/core/db/core-tables.ts'));
  for (const m of modulesOf(root)) declare(m, path.join(root, 'src/modules', m, 'tables.ts'));
  return owners;
}

function modulesOf(root: string): string[] {
  const dir = path.join(root, 'src/modules');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((m) => fs.statSync(path.join(dir, m)).isDirectory());
}

const lineOf = (src: string, index: number) => src.slice(0, index).split('\n').length;

const kyselyCall =
  /\b(?:selectFrom|innerJoin|leftJoin|rightJoin|fullJoin|insertInto|updateTable|deleteFrom|mergeInto|using|table)\(\s*(\[[^\]]*\]|['"][^'"]+['"])/g;
const rawSql = /\b(?:from|join|into|update|table)\s+"?([a-z_][a-z0-9_]*)"?/gi;

/** Table names a source text uses, with where. */
function tablesNamed(src: string): { table: string; index: number }[] {
  const found: { table: string; index: number }[] = [];
  for (const m of src.matchAll(kyselyCall)) {
    for (const [, name] of (m[1] ?? '').matchAll(/['"]([a-z_][a-z0-9_]*)(?:\s+as\s+\w+)?['"]/g)) {
      if (name) found.push({ table: name, index: m.index ?? 0 });
    }
  }
  // Raw SQL lives in sql`…` templates; read only those, so prose ("… from tickets") does not count.
  for (const t of src.matchAll(/\bsql(?:<[^`]*?>)?`([^`]*)`/g)) {
    for (const m of (t[1] ?? '').matchAll(rawSql)) {
      if (m[1]) found.push({ table: m[1], index: (t.index ?? 0) + (m.index ?? 0) });
    }
  }
  return found;
}

/** Every boundary problem under `root` (a project folder). */
export function checkBoundaries(root: string): BoundaryProblem[] {
  const problems: BoundaryProblem[] = [];
  const modsDir = path.join(root, 'src/modules');
  const owners = tableOwners(root);
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

  const units: { owner: string; files: string[] }[] = [
    { owner: 'core', files: sourceFiles(path.join(root, 'src/core')) },
    ...modulesOf(root).map((m) => ({ owner: m, files: sourceFiles(path.join(modsDir, m)) })),
  ];
  for (const { owner, files } of units) {
    for (const file of files) {
      const src = fs.readFileSync(file, 'utf8');
      for (const m of src.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]/g)) {
        const spec = m[1] ?? '';
        const target = path.relative(modsDir, path.resolve(path.dirname(file), spec)).split(path.sep);
        if (target[0] === '..' || target[0] === undefined) continue;
        const other = target[0];
        if (owner === 'core') {
          problems.push({ file: rel(file), line: lineOf(src, m.index ?? 0), message: `core imports module ${other}` });
        } else if (other !== owner && !(target.length === 2 && /^index(\.js|\.ts)?$/.test(target[1] ?? ''))) {
          problems.push({
            file: rel(file),
            line: lineOf(src, m.index ?? 0),
            message: `imports ${spec}, past module ${other}'s index.ts`,
          });
        }
      }
      if (file.endsWith(`${path.sep}tables.ts`) || file.endsWith('core-tables.ts')) continue;
      for (const { table, index } of tablesNamed(src)) {
        const o = owners.get(table);
        if (o && o !== owner) {
          problems.push({
            file: rel(file),
            line: lineOf(src, index),
            message: `names table ${table}, which module ${o} owns`,
          });
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? process.cwd();
  const problems = checkBoundaries(root);
  for (const p of problems) console.log(`${p.file}:${p.line}: ${p.message}`);
  console.log(
    problems.length
      ? `${problems.length} module-boundary problems`
      : `module boundaries hold (${tableOwners(root).size} tables)`,
  );
  process.exit(problems.length ? 1 : 0);
}
