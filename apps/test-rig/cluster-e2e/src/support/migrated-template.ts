import { quoteIdent as quote, quoteLiteral, underServerLock } from '@checkout/platform';
import { sleep } from '@checkout/platform/testing';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { WORKSPACE_ROOT } from './service-process';
import { adminUrlFor } from './test-infrastructure';

const PREFIX = 'e2e_migrated_';
/** "database is being accessed by other users": a copy of it under way, or a backend still exiting. */
const OBJECT_IN_USE = '55006';

let template: Promise<string> | undefined;

/**
 * Creates `database` as the one-shot migration would leave it, by copying a database that the
 * migration built once for these bundles (`CREATE DATABASE … TEMPLATE`). Running the migration
 * itself costs a Node start-up per service, about 7 s of CPU a cluster on two cores; a copy
 * costs a fraction of a second. The template is named after a hash of the bundles that migrate,
 * so a rebuild with other migrations builds a new one, and the old one is dropped then.
 * Roles belong to the server, not the database: their logins are set again for each copy (see
 * below); the database's own grants (CONNECT, TEMPORARY) are not copied by Postgres and are
 * granted here.
 */
export async function createMigratedDatabase(
  database: string,
  apps: readonly string[],
  migrate: (database: string) => Promise<void>,
  /** The services' roles, each logging in with its name as password (testDatabaseUrl). */
  roles: readonly string[],
): Promise<void> {
  template ??= ensureTemplate(apps, migrate).catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  const name = await template;
  await withServer(async (server) => {
    await whenNotInUse(() => server.query(`CREATE DATABASE ${quote(database)} TEMPLATE ${quote(name)}`));
    const grants = await server.query<{ privilege: string; role: string }>(
      `SELECT a.privilege_type AS privilege, r.rolname AS role
         FROM pg_database d, aclexplode(d.datacl) a JOIN pg_roles r ON r.oid = a.grantee
        WHERE d.datname = $1 AND r.rolname <> current_user`,
      [name],
    );
    for (const { privilege, role } of grants.rows) await server.query(`GRANT ${privilege} ON DATABASE ${quote(database)} TO ${quote(role)}`);
  });
  // A role belongs to the server, and something else on it may have changed one since the
  // template was built: `npm start` in Vault mode provisions the same names as NOLOGIN group
  // roles. What the migration would set for a test cluster, set again, under the lock every
  // provisioning takes for that role.
  for (const role of roles) {
    await underServerLock(adminUrlFor('postgres'), `provision-role:${role}`, (server) => server.query(`ALTER ROLE ${quote(role)} LOGIN PASSWORD ${quoteLiteral(role)}`));
  }
}

/** The template for these bundles, built by the migration under a server-wide lock if no run has yet. */
async function ensureTemplate(apps: readonly string[], migrate: (database: string) => Promise<void>): Promise<string> {
  const hash = createHash('sha256');
  for (const app of apps) hash.update(app).update(readFileSync(join(WORKSPACE_ROOT, 'dist/apps', app, 'main.js')));
  const name = `${PREFIX}${hash.digest('hex').slice(0, 16)}`;
  await withServer(async (server) => {
    // Two Jest workers start their first clusters together: one builds, the other waits and copies.
    await server.query(`SELECT pg_advisory_lock(hashtext('e2e-migrated-template'))`);
    const found = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    const stale = await server.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`);
    for (const { datname } of stale.rows) await server.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
    // Built under another name and renamed once whole: a migration that fails half-way leaves
    // nothing a later cluster would copy.
    const building = `${name}_building`;
    await migrate(building);
    // The migration's processes have exited; their backends may take a moment longer.
    await whenNotInUse(() => server.query(`ALTER DATABASE ${quote(building)} RENAME TO ${quote(name)}`));
    // Nobody connects to it again (autovacuum neither), so a copy never finds it in use for long.
    await server.query(`ALTER DATABASE ${quote(name)} WITH ALLOW_CONNECTIONS false`);
  });
  return name;
}

/** Runs `statement` again while Postgres says its database is in use by another session. */
async function whenNotInUse(statement: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await statement();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt === 50) throw error;
      await sleep(100);
    }
  }
}

async function withServer<T>(work: (server: Client) => Promise<T>): Promise<T> {
  const server = new Client({ connectionString: adminUrlFor('postgres') });
  await server.connect();
  try {
    return await work(server);
  } finally {
    await server.end();
  }
}
