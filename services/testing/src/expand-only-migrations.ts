// Blue and green share one database during a cut-over: green's migrations run while blue still serves, so a
// migration may only add (expand). Dropping or renaming a table or column, or changing a column's type, breaks the
// running release; it belongs to a later release as a contract step, marked in its file with
// `-- contract: <why it is safe now>`. The SQL is read by PostgreSQL's own parser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'libpg-query';

export interface BreakingChange {
  file: string;
  statement: string;
}

/** The up part of a node-pg-migrate SQL migration. */
const upPart = (sql: string) => sql.split(/^-- Down Migration\s*$/m)[0] ?? '';

export const isContractStep = (sql: string): boolean => /^-- contract: \S/m.test(sql);

interface ParsedStatement {
  stmt: Record<string, Record<string, unknown>>;
  stmt_location?: number;
  stmt_len?: number;
}

function breaks(node: Record<string, Record<string, unknown>>): string | undefined {
  const [kind, body] = Object.entries(node)[0] ?? [];
  if (!kind || !body) return undefined;
  if (kind === 'DropStmt' && ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_TYPE'].includes(String(body.removeType)))
    return `drops a ${String(body.removeType).replace('OBJECT_', '').toLowerCase()}`;
  if (kind === 'RenameStmt' && ['OBJECT_TABLE', 'OBJECT_COLUMN', 'OBJECT_VIEW'].includes(String(body.renameType)))
    return `renames a ${String(body.renameType).replace('OBJECT_', '').toLowerCase()}`;
  if (kind === 'AlterTableStmt') {
    const commands = (body.cmds as { AlterTableCmd: { subtype: string; name?: string } }[] | undefined) ?? [];
    for (const { AlterTableCmd: command } of commands) {
      if (command.subtype === 'AT_DropColumn') return `drops column ${command.name}`;
      if (command.subtype === 'AT_AlterColumnType') return `changes the type of column ${command.name}`;
      if (command.subtype === 'AT_SetNotNull') return `makes column ${command.name} NOT NULL`;
    }
  }
  return undefined;
}

/** The statements of one migration that break the release still running, unless the file is a contract step. */
export async function breakingChanges(file: string, sql: string): Promise<BreakingChange[]> {
  if (isContractStep(sql)) return [];
  const up = upPart(sql);
  const parsed = (await parse(up)) as { stmts?: ParsedStatement[] };
  const found: BreakingChange[] = [];
  for (const statement of parsed.stmts ?? []) {
    const reason = breaks(statement.stmt);
    if (!reason) continue;
    const start = statement.stmt_location ?? 0;
    const text = up.slice(start, statement.stmt_len ? start + statement.stmt_len : undefined).trim();
    found.push({ file, statement: `${reason}: ${text}` });
  }
  return found;
}

/** Every breaking change in the migrations of one service folder. */
export async function breakingChangesIn(migrationsDir: string): Promise<BreakingChange[]> {
  const files = readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const results = await Promise.all(files.map((f) => breakingChanges(f, readFileSync(path.join(migrationsDir, f), 'utf8'))));
  return results.flat();
}
