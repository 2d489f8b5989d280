// Gives each PostgreSQL-backed service of the catalog its own login role and the schema it owns. Run with admin
// credentials: by the local stack, the compose `provision` container and, in AWS, the provisioning task.
import type pg from 'pg';
import { postgresServices } from '@tutoring-platform/shared/catalog';

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Creates (or updates) a service's database role and the schema it owns; run with an admin connection.
 * The role can reach only its own schema, so no service can read another's tables.
 */
export async function provisionServiceSchema(
  admin: pg.ClientBase,
  target: { schema: string; role: string; password: string; extensions?: readonly string[] },
): Promise<void> {
  if (!identifier.test(target.schema) || !identifier.test(target.role)) throw new Error('invalid schema or role name');
  const role = admin.escapeIdentifier(target.role);
  const schema = admin.escapeIdentifier(target.schema);
  const password = admin.escapeLiteral(target.password);
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [target.role]);
  await admin.query(
    exists.rowCount ? `ALTER ROLE ${role} WITH LOGIN PASSWORD ${password}` : `CREATE ROLE ${role} WITH LOGIN PASSWORD ${password}`,
  );
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${role}`);
  await admin.query(`ALTER ROLE ${role} SET search_path = ${schema}`);
  await admin.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
  // Extensions need an admin; they go into the service's own schema, on its search path.
  for (const extension of target.extensions ?? []) {
    if (!identifier.test(extension)) throw new Error('invalid extension name');
    await admin.query(`CREATE EXTENSION IF NOT EXISTS ${admin.escapeIdentifier(extension)} WITH SCHEMA ${schema}`);
  }
}

/** Provisions every PostgreSQL service of the catalog; `passwords` holds each role's password by service name. */
export async function provisionPostgresServices(admin: pg.ClientBase, passwords: Readonly<Record<string, string>>): Promise<void> {
  for (const service of postgresServices) {
    const password = passwords[service.name];
    if (!password) throw new Error(`no password for the ${service.store.role} role`);
    await provisionServiceSchema(admin, { ...service.store, password });
  }
}
