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
    await ensureRole(migrator, role, options.vault ? null : decodeURIComponent(service.password), databaseName(service));
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

/** The service's role: a login with `password`, or (password null) a group role nobody logs in as. */
async function ensureRole(db: DataSource, role: string, password: string | null, database: string): Promise<void> {
  const found = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (found.length === 0) {
    await db.query(`CREATE ROLE ${quoteIdent(role)} NOLOGIN`).catch(ignoreCodes('42710', '23505'));
  }
  const login = password === null ? 'NOLOGIN PASSWORD NULL' : `LOGIN PASSWORD ${quoteLiteral(password)}`;
  await concurrentlyRetried(() => db.query(`ALTER ROLE ${quoteIdent(role)} ${login}`));
  await db.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
}

async function grantSchema(db: DataSource, schema: string, role: string): Promise<void> {
  const s = quoteIdent(schema);
  const r = quoteIdent(role);
  await db.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await db.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
}

/**
 * A role belongs to the whole server, while the advisory lock above is one database's: two
 * databases provisioned at once (two test clusters side by side) may alter the same role in the
 * same instant, and Postgres then fails one with "tuple concurrently updated" instead of making
 * it wait. The statement is idempotent: run it again.
 */
async function concurrentlyRetried<T>(statement: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      const concurrent = /tuple concurrently updated/.test((error as Error).message ?? '');
      if (!concurrent || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

function ignoreCodes(...codes: string[]) {
  return (error: { code?: string }) => {
    if (!codes.includes(error.code ?? '')) throw error;
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
