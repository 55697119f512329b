import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import type { VaultAccess } from '../secrets/secrets-settings';

export interface ProvisionOptions {
  /** The service's own login (user, password and database are read from it). */
  url: string;
  /** A login allowed to create databases, roles and schemas. */
  adminUrl: string;
  /** The Postgres schema the service owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  log?: (message: string) => void;
  /**
   * Set when logins are leased from Vault: the role of `url` is then a group role that the
   * leased logins join (so they need no grants) and that cannot log in itself.
   */
  vault?: VaultAccess;
}

/**
 * Makes the service's database usable by its own least-privilege role:
 * the database exists, the role exists and may log in, the service's migrations have run,
 * and the role may read and write the schema's tables and nothing else (no DDL, no other
 * schema). Safe to run from several processes at once: an advisory lock serialises them.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<void> {
  const service = new URL(options.url);
  const admin = withDatabase(options.adminUrl, databaseName(service));
  const role = decodeURIComponent(service.username);
  await ensureDatabase(admin);

  const migrator = new DataSource({
    type: 'postgres',
    url: admin,
    migrations: options.migrations,
    migrationsTableName: `${options.schema}_migrations`,
    migrationsTransactionMode: 'all',
    logging: false,
  });
  await migrator.initialize();
  const lock = migrator.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`provision:${options.schema}`]);
    await ensureRole(migrator, options.adminUrl, role, options.vault ? null : decodeURIComponent(service.password), databaseName(service));
    const applied = await migrator.runMigrations();
    for (const migration of applied) options.log?.(`applied migration ${migration.name}`);
    await grantSchema(migrator, options.schema, role);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`provision:${options.schema}`]).catch(() => undefined);
    await lock.release();
    await migrator.destroy();
  }
}

function databaseName(url: URL): string {
  return decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const target = new URL(adminUrl);
  const client = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await client.connect();
  try {
    const name = databaseName(target);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      // Two services may race to create it: the loser's duplicate error is harmless.
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`).catch(ignoreCodes('42P04', '23505'));
    }
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` on a connection to the server's `postgres` database while holding an advisory lock
 * on `key` there. A role belongs to the whole server, while an advisory lock belongs to the
 * database it was taken in: two databases provisioned at once (two test clusters side by side)
 * would alter the same role in the same instant, and Postgres fails one of them with "tuple
 * concurrently updated" rather than making it wait. Every provisioning run shares `postgres`.
 */
export async function underServerLock<T>(adminUrl: string, key: string, work: (server: Client) => Promise<T>): Promise<T> {
  const server = new Client({ connectionString: withDatabase(adminUrl, 'postgres') });
  await server.connect();
  try {
    await server.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    return await work(server);
  } finally {
    await server.end(); // the session's advisory lock ends with it
  }
}

/** The service's role: a login with `password`, or (password null) a group role nobody logs in as. */
async function ensureRole(db: DataSource, adminUrl: string, role: string, password: string | null, database: string): Promise<void> {
  await underServerLock(adminUrl, `provision-role:${role}`, async (server) => {
    const found = await server.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (found.rowCount === 0) {
      await server.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`).catch(ignoreCodes('42710', '23505'));
    }
    const login = password === null ? 'NOLOGIN PASSWORD NULL' : `LOGIN PASSWORD ${quoteLiteral(password)}`;
    await server.query(`ALTER ROLE ${quoteIdent(role)} ${login}`);
  });
  await db.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
}

async function grantSchema(db: DataSource, schema: string, role: string): Promise<void> {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  await db.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await db.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
}

function ignoreCodes(...codes: string[]) {
  return (error: { code?: string }) => {
    if (!codes.includes(error.code ?? '')) throw error;
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string as an SQL literal, for the few statements that take no parameters (ALTER ROLE … PASSWORD). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
