import { Client } from 'pg';
import type { Fault } from './fault';

/**
 * Terminates every Postgres backend of one service, as a database failover or an idle-kill
 * would: the service must notice, reconnect and lose nothing. Matched on the connection's
 * `application_name`, which every service sets to its own name on each connection it opens:
 * its login cannot be used, because with Vault's dynamic credentials it changes at every lease.
 */
export function databaseConnections(signallerUrl: string): Fault {
  return {
    kind: 'database-connections',
    async inject(target) {
      // A login with pg_signal_backend: it may end any non-superuser's session, and do nothing else.
      const client = new Client({ connectionString: signallerUrl, application_name: 'chaos-agent' });
      await client.connect();
      try {
        const { rows } = await client.query<{ terminated: number }>(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS terminated
             FROM pg_stat_activity
            WHERE application_name = $1 AND datname = current_database() AND pid <> pg_backend_pid()`,
          [target],
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
