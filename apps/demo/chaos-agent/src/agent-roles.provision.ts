import { AUDITED_SCHEMAS, provisionAuditRole } from '@checkout/invariants';
import { quoteIdent } from '@checkout/platform';
import { Client } from 'pg';
import type { ChaosAgentConfig } from './chaos-agent.config';

/**
 * The agent's part of the one-shot migration, after its own schema's and after the services'
 * (scripts/db-migrate.sh runs it last, so the audited schemas exist): the invariant checker's
 * read-only audit role (decision 0014), and for the agent's own role `pg_signal_backend`, which
 * lets the database-connections fault end the services' sessions and nothing more. The running
 * agent never holds the admin login (decision 0038).
 */
export async function provisionAgentRoles(config: ChaosAgentConfig, adminUrl: string, log: (message: string) => void): Promise<void> {
  const granted = await provisionAuditRole({ adminUrl, auditUrl: config.AUDIT_DATABASE_URL });
  if (granted.length < AUDITED_SCHEMAS.length) {
    throw new Error(`the audit role reads only ${granted.join(', ') || 'nothing'}: migrate the services before the chaos agent`);
  }
  log(`audit role reads ${granted.join(', ')}`);
  const role = decodeURIComponent(new URL(config.DATABASE_URL).username);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`GRANT pg_signal_backend TO ${quoteIdent(role)}`);
  } finally {
    await client.end();
  }
  log(`${role} may end other roles' sessions (pg_signal_backend)`);
}
