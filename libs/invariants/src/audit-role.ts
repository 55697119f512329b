import { quoteIdent, underServerLock } from '@checkout/platform';
import { Client } from 'pg';

/** Every schema the audit reads: the three services' and the provider's (the truth about money). */
export const AUDITED_SCHEMAS = ['checkout', 'catalog', 'payments', 'psp'] as const;

export interface AuditRoleOptions {
  /** A login allowed to create roles and grant on the audited schemas, on the cluster's database. */
  readonly adminUrl: string;
  /** The audit login to create (user and password are read from it). */
  readonly auditUrl: string;
}

/**
 * Creates (or refreshes) the audit role: it may log in and SELECT from the audited schemas,
 * nothing else, and its sessions are read-only by default. The one identity allowed to read
 * every service's tables, so it must not be able to change any of them (decision 0014).
 * Run after the services have migrated: a schema that does not exist yet is skipped, and the
 * schemas granted are returned, so a caller that starts first can call again until all are.
 */
export async function provisionAuditRole(options: AuditRoleOptions): Promise<string[]> {
  const audit = new URL(options.auditUrl);
  const role = quoteIdent(decodeURIComponent(audit.username));
  const password = decodeURIComponent(audit.password).replace(/'/g, "''");
  const client = new Client({ connectionString: options.adminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['provision:audit']);
    // The role is the server's: altered under a server-wide lock (underServerLock says why).
    await underServerLock(options.adminUrl, `provision-role:${decodeURIComponent(audit.username)}`, async (server) => {
      const found = await server.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [decodeURIComponent(audit.username)]);
      if (found.rowCount === 0) await server.query(`CREATE ROLE ${role} LOGIN`);
      await server.query(`ALTER ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE`);
      await server.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
    });
    const database = (await client.query<{ name: string }>('SELECT current_database() AS name')).rows[0].name;
    await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${role}`);
    const present = await client.query<{ name: string }>(
      'SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY($1)',
      [[...AUDITED_SCHEMAS]],
    );
    for (const { name } of present.rows) {
      await client.query(`GRANT USAGE ON SCHEMA ${quoteIdent(name)} TO ${role}`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${quoteIdent(name)} TO ${role}`);
    }
    return present.rows.map((row) => row.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['provision:audit']).catch(() => undefined);
    await client.end();
  }
}
