import { dropTestDatabase, eventually, TEST_ADMIN_URL, testAdminUrl, uniqueName } from '@checkout/platform/testing';
import { Client } from 'pg';
import { databaseConnections } from './database-connections.fault';

describe('the database-connections fault on a real Postgres', () => {
  const database = uniqueName('test_db_fault');
  const clients: Client[] = [];

  /** A connection as a service opens it: whatever the login, named after the service. */
  async function connectAs(applicationName: string): Promise<{ client: Client; closed: () => boolean }> {
    const client = new Client({ connectionString: testAdminUrl(database), application_name: applicationName });
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
    await admin.end();
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await dropTestDatabase(database);
  });

  it("ends every connection named after the target service, whichever login it uses, and no other service's", async () => {
    const catalog = [await connectAs('catalog-svc'), await connectAs('catalog-svc')];
    const payments = await connectAs('payments-svc');

    const evidence = await databaseConnections(testAdminUrl(database)).inject('catalog-svc');

    expect(evidence).toEqual({ connectionsTerminated: 2 });
    await eventually(() => catalog.every(({ closed }) => closed()), 5_000, "the catalog's connections closed");
    await expect(payments.client.query('SELECT 1')).resolves.toBeDefined();
  });
});
