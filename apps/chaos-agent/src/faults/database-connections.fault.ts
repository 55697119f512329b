import { Client } from 'pg';
import type { Fault } from './fault';

/** Each service's database login (decision 0002): how its backends are recognised. */
const ROLES: Readonly<Record<string, string>> = {
  'checkout-orchestrator': 'checkout_svc',
  'catalog-svc': 'catalog_svc',
  'payments-svc': 'payments_svc',
  'psp-sandbox': 'psp_sandbox',
};

/**
 * Terminates every Postgres backend of one service, as a database failover or an idle-kill
 * would: the service must notice, reconnect and lose nothing. Matched on the service's own
 * role, so no other service's connection is touched.
 */
export function databaseConnections(adminUrl: string): Fault {
  return {
    kind: 'database-connections',
    async inject(target) {
      const client = new Client({ connectionString: adminUrl, application_name: 'chaos-agent' });
      await client.connect();
      try {
        const { rows } = await client.query<{ terminated: number }>(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS terminated
             FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()`,
          [ROLES[target]],
        );
        return { connectionsTerminated: rows[0].terminated };
      } finally {
        await client.end();
      }
    },
    // Nothing to undo: the service reconnects by itself, which is what is being tested.
    revert: async () => undefined,
  };
}
