import { dropTestDatabase, eventually, TEST_ADMIN_URL, testDatabaseUrl, uniqueName } from '@checkout/platform/testing';
import { Client } from 'pg';
import { databaseConnections } from './database-connections.fault';

describe('the database-connections fault on a real Postgres', () => {
  const database = uniqueName('test_db_fault');
  // The agent's role as the one-shot migration leaves it (pg_signal_backend, no superuser), and a service's.
  const signaller = uniqueName('test_signaller');
  const service = uniqueName('test_service');
  const clients: Client[] = [];

  /** A connection as a service opens it: whatever the login, named after the service. */
  async function connectAs(applicationName: string): Promise<{ client: Client; closed: () => boolean }> {
    const client = new Client({ connectionString: testDatabaseUrl(service, database), application_name: applicationName });
    let ended = false;
    client.on('error', () => undefined);
    client.on('end', () => (ended = true));
    await client.connect();
    clients.push(client);
    return { client, closed: () => ended };
  }

  beforeAll(async () => {
    const admin = new Client({ connectionString: TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    for (const role of [signaller, service]) await admin.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${role}'`);
    await admin.query(`GRANT pg_signal_backend TO "${signaller}"`);
    await admin.end();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await dropTestDatabase(database);
    const admin = new Client({ connectionString: TEST_ADMIN_URL });
    await admin.connect();
    for (const role of [signaller, service]) await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it("ends every connection named after the target service, and no other service's, with a login that may only signal", async () => {
    const catalog = [await connectAs('catalog-svc'), await connectAs('catalog-svc')];
    const payments = await connectAs('payments-svc');

    const evidence = await databaseConnections(testDatabaseUrl(signaller, database)).inject('catalog-svc');

    expect(evidence).toEqual({ connectionsTerminated: 2 });
    await eventually(() => catalog.every(({ closed }) => closed()), 5_000, "the catalog's connections closed");
    await expect(payments.client.query('SELECT 1')).resolves.toBeDefined();
  });
});
