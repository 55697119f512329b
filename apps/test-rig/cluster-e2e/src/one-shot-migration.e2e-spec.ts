import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { startedCluster } from './support/started-cluster';
import type { TestCluster } from './support/test-cluster';
import { adminUrlFor } from './support/test-infrastructure';

/** A process's environment as the kernel holds it: what it was started with, whatever it read. */
function environmentOf(pid: number): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  return new Map(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

/**
 * Schemas, roles and migrations are the one-shot step's, run before the services start (as
 * `npm start` runs scripts/db-migrate.sh, and Kubernetes its Job): the running services are
 * never given the Postgres admin login, and none of their connections is a superuser's
 * (docs/decisions/0038).
 */
describe('a cluster started after its one-shot migration', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startedCluster();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it("holds DATABASE_ADMIN_URL in no running service's environment", () => {
    for (const service of cluster.services.values()) {
      const environment = environmentOf(service.pid as number);
      expect([service.name, environment.has('DATABASE_URL') || service.name === 'bff-web']).toEqual([service.name, true]);
      expect([service.name, environment.has('DATABASE_ADMIN_URL')]).toEqual([service.name, false]);
    }
  });

  it("has no superuser among the services' database sessions", async () => {
    const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ application_name: string; superuser: boolean }>(
        `SELECT DISTINCT a.application_name, r.rolsuper AS superuser
           FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
          WHERE a.datname = $1 AND a.pid <> pg_backend_pid()`,
        [cluster.database],
      );
      expect(rows.map((row) => row.application_name)).toEqual(expect.arrayContaining(['checkout-orchestrator', 'catalog-svc']));
      expect(rows.filter((row) => row.superuser)).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
