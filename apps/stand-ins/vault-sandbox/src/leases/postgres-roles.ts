import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { quoteIdent } from '@checkout/platform';
import { Pool } from 'pg';
import type { VaultSandboxConfig } from '../config';
import { VAULT_CONFIG } from '../vault.tokens';

/**
 * The Postgres side of the database secrets engine, through the privileged connection Vault's
 * plugin is configured with. Each lease is one LOGIN role that inherits the service's group
 * role, so it needs no grants of its own and owns nothing, which is what lets it be dropped.
 */
@Injectable()
export class PostgresRoles implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(VAULT_CONFIG) config: VaultSandboxConfig) {
    this.pool = new Pool({
      connectionString: config.VAULT_DB_CONNECTION_URL,
      application_name: 'vault-sandbox',
      max: 2,
      connectionTimeoutMillis: 3000,
    });
    this.pool.on('error', () => undefined); // an idle client lost with Postgres; the next query reconnects
  }

  async create(username: string, password: string, validUntil: Date, groupRole: string): Promise<void> {
    // DDL takes no bind parameters: the identifiers are quoted and the literals escaped.
    await this.pool.query(
      `CREATE ROLE ${quoteIdent(username)} LOGIN PASSWORD ${literal(password)} ` +
        `VALID UNTIL ${literal(validUntil.toISOString())} IN ROLE ${quoteIdent(groupRole)}`,
    );
  }

  async extend(username: string, validUntil: Date): Promise<void> {
    await this.pool.query(`ALTER ROLE ${quoteIdent(username)} VALID UNTIL ${literal(validUntil.toISOString())}`);
  }

  /**
   * Ends the role's sessions, then drops it. Terminating first matters: dropping a role does not
   * close the sessions already logged in as it, and those would keep their privileges.
   */
  async drop(username: string): Promise<void> {
    await this.pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [username]);
    await this.pool.query(`DROP ROLE IF EXISTS ${quoteIdent(username)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
