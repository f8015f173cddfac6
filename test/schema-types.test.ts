/**
 * The Kysely types can never drift from the SQL. `Database` (core/db/schema.ts, which core's
 * core-tables.ts and every module's tables.ts extend by interface augmentation) must declare exactly
 * the tables and columns the migrations create, both ways, with the same nullability; and a column
 * the types let an insert leave out (Generated) must have a default in SQL, or the insert fails.
 *
 * The types are read with the TypeScript compiler from a program of those few files alone (and the
 * declarations they import), not the whole project: a few seconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { testDatabase } from './db.js';

const root = path.resolve(import.meta.dirname, '..');
// The worker's database, opened and migrated once for all its files (as setupApp does in others).
const { db } = await testDatabase();

interface Column {
  /** What a select returns, apart from null: 'string', 'number', 'boolean', 'Date', 'Buffer', 'array', 'json'. */
  returns: string[];
  /** The select type admits null (`T | null`, or a ColumnType whose select type does). */
  nullable: boolean;
  /** An insert may leave it out (Generated, or an optional property). */
  insertOptional: boolean;
  /** Neither an insert nor an update may set it (ColumnType<T, never, never>). */
  readOnly: boolean;
}
type Tables = Map<string, Map<string, Column>>;

/** The files that make up `Database`: core's schema and tables, and every module's tables.ts. */
function tableFiles(): string[] {
  const modules = path.join(root, 'src/modules');
  return [
    path.join(root, 'src/core/db/schema.ts'),
    path.join(root, 'src/core/db/core-tables.ts'),
    ...fs
      .readdirSync(modules)
      .map((m) => path.join(modules, m, 'tables.ts'))
      .filter((f) => fs.existsSync(f)),
  ];
}

/** Every table of `Database` and its columns, as the compiler resolves them. */
function declaredTables(): { tables: Tables; diagnostics: string[] } {
  const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, root);
  const files = tableFiles();
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  // An unresolved import would turn a column's type into `any` and hide its nullability: fail instead.
  const diagnostics = files.flatMap((f) =>
    ts
      .getPreEmitDiagnostics(program, program.getSourceFile(f))
      .map((d) => `${path.relative(root, f)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
  );

  const schema = program.getSourceFile(files[0]!)!;
  const decl = schema.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'Database');
  if (!decl || !ts.isInterfaceDeclaration(decl)) throw new Error('no interface Database in src/core/db/schema.ts');
  const database = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(decl.name)!);

  /** The members of a column's type, seen through Kysely's ColumnType<Select, Insert, Update>. */
  const parts = (type: ts.Type, side: '__select__' | '__insert__' | '__update__'): ts.Type[] =>
    (type.isUnion() ? type.types : [type]).flatMap((t) => {
      const inner = t.getProperty(side);
      return inner ? parts(checker.getTypeOfSymbol(inner), side) : [t];
    });
  const has = (types: ts.Type[], flag: ts.TypeFlags) => types.some((t) => t.flags & flag);
  const only = (types: ts.Type[], flag: ts.TypeFlags) => types.every((t) => t.flags & flag);
  const kind = (t: ts.Type): string => {
    if (t.flags & ts.TypeFlags.StringLike) return 'string';
    if (t.flags & ts.TypeFlags.NumberLike) return 'number';
    if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean';
    if (checker.isArrayType(t)) return 'array';
    const name = t.getSymbol()?.name;
    return name === 'Date' || name === 'Buffer' ? name : 'json';
  };

  const tables: Tables = new Map();
  for (const table of checker.getPropertiesOfType(database)) {
    const columns = new Map<string, Column>();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table))) {
      const type = checker.getTypeOfSymbol(column);
      const selected = parts(type, '__select__');
      columns.set(column.name, {
        returns: [...new Set(selected.filter((t) => !(t.flags & ts.TypeFlags.Null)).map(kind))].sort(),
        nullable: has(selected, ts.TypeFlags.Null),
        insertOptional:
          (column.flags & ts.SymbolFlags.Optional) !== 0 || has(parts(type, '__insert__'), ts.TypeFlags.Undefined),
        readOnly:
          only(parts(type, '__insert__'), ts.TypeFlags.Never) && only(parts(type, '__update__'), ts.TypeFlags.Never),
      });
    }
    tables.set(table.name, columns);
  }
  return { tables, diagnostics };
}

interface SqlColumn {
  /** What node-postgres returns for its type, in the terms of Column.returns. */
  returns: string;
  nullable: boolean;
  /** A default, an identity or a generated column: an insert may leave it out. */
  hasDefault: boolean;
  /** GENERATED ALWAYS AS (…) STORED: computed by PostgreSQL, never written. */
  generated: boolean;
  /** GENERATED ALWAYS AS IDENTITY: numbered by PostgreSQL, never written either. */
  identityAlways: boolean;
}

/**
 * What node-postgres hands back for a PostgreSQL type, with the parsers core/db sets: timestamps
 * as Date; date, bigint (bigserial ids) and numeric as strings, so that nothing loses precision.
 */
function pgReturns(dataType: string): string {
  switch (dataType) {
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double precision':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'Date';
    case 'bytea':
      return 'Buffer';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'ARRAY':
      return 'array';
    default:
      return 'string'; // text, character varying, uuid, bigint, numeric, date, inet, tsvector, citext…
  }
}

/**
 * Every column of every table and view in schema `public` of the migrated test database. Nothing
 * there is skipped: pg-boss keeps its tables in its own schema (`pgboss`), and the migrator's
 * schema_migrations is typed by core like any other table.
 */
async function sqlTables(): Promise<Map<string, Map<string, SqlColumn>>> {
  const { rows } = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: 'YES' | 'NO';
    column_default: string | null;
    is_identity: 'YES' | 'NO';
    identity_generation: 'ALWAYS' | 'BY DEFAULT' | null;
    is_generated: 'ALWAYS' | 'NEVER';
  }>`SELECT table_name, column_name, data_type, is_nullable, column_default,
            is_identity, identity_generation, is_generated
       FROM information_schema.columns
      WHERE table_schema = 'public'`.execute(db);
  const tables = new Map<string, Map<string, SqlColumn>>();
  for (const r of rows) {
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
    tables.get(r.table_name)!.set(r.column_name, {
      returns: pgReturns(r.data_type),
      nullable: r.is_nullable === 'YES',
      hasDefault: r.column_default !== null || r.is_identity === 'YES' || r.is_generated === 'ALWAYS',
      generated: r.is_generated === 'ALWAYS',
      identityAlways: r.identity_generation === 'ALWAYS',
    });
  }
  return tables;
}

describe('the Kysely types and the migrated schema', () => {
  it('declare the same tables and columns, with the types pg returns and the same nullability, and defaults where inserts may omit one', async () => {
    const { tables: typed, diagnostics } = declaredTables();
    const real = await sqlTables();
    expect(diagnostics, 'the table types do not compile').toEqual([]);
    expect(typed.size, 'no table found in Database: is the augmentation read?').toBeGreaterThan(0);

    const problems = {
      tablesOnlyInTypes: [...typed.keys()].filter((t) => !real.has(t)).sort(),
      tablesOnlyInSql: [...real.keys()].filter((t) => !typed.has(t)).sort(),
      columnsOnlyInTypes: [] as string[],
      columnsOnlyInSql: [] as string[],
      selectTypeNotWhatPgReturns: [] as string[],
      nullInSqlNotInType: [] as string[],
      nullInTypeNotInSql: [] as string[],
      generatedWithoutSqlDefault: [] as string[],
      computedInSqlWritableInType: [] as string[],
    };
    for (const [table, columns] of typed) {
      const sqlColumns = real.get(table);
      if (!sqlColumns) continue;
      for (const [name, column] of columns) {
        const key = `${table}.${name}`;
        const sqlColumn = sqlColumns.get(name);
        if (!sqlColumn) {
          problems.columnsOnlyInTypes.push(key);
          continue;
        }
        // PostgreSQL reports a computed column as nullable whatever its expression; whether the
        // expression can be null is the migration author's claim, which the type records.
        if (sqlColumn.nullable && !column.nullable && !sqlColumn.generated) problems.nullInSqlNotInType.push(key);
        if (!sqlColumn.nullable && column.nullable) problems.nullInTypeNotInSql.push(key);
        if (column.insertOptional && !sqlColumn.nullable && !sqlColumn.hasDefault)
          problems.generatedWithoutSqlDefault.push(key);
        if ((sqlColumn.generated || sqlColumn.identityAlways) && !column.readOnly)
          problems.computedInSqlWritableInType.push(key);
        // jsonb comes back parsed: any shape the type gives it is the type's claim.
        if (sqlColumn.returns !== 'json' && column.returns.join() !== sqlColumn.returns)
          problems.selectTypeNotWhatPgReturns.push(
            `${key}: ${column.returns.join(' | ')}, pg returns ${sqlColumn.returns}`,
          );
      }
      for (const name of sqlColumns.keys()) if (!columns.has(name)) problems.columnsOnlyInSql.push(`${table}.${name}`);
    }
    for (const list of Object.values(problems)) list.sort();

    expect(problems, 'fix the tables.ts that owns the table (or the migration)').toEqual({
      tablesOnlyInTypes: [],
      tablesOnlyInSql: [],
      columnsOnlyInTypes: [],
      columnsOnlyInSql: [],
      selectTypeNotWhatPgReturns: [],
      nullInSqlNotInType: [],
      nullInTypeNotInSql: [],
      generatedWithoutSqlDefault: [],
      computedInSqlWritableInType: [],
    });
  }, 90_000); // compiling the types takes about 4 s on an idle machine: allow for a busy one
});
