import { dropTestDatabase, testAdminUrl, testDatabaseUrl, uniqueName } from '@checkout/platform/testing';
import { Client } from 'pg';
import { provisionAuditRole } from './audit-role';

async function createDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: testAdminUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

describe('the audit role, provisioned in databases side by side', () => {
  const role = uniqueName('audit_role');
  const databases = Array.from({ length: 6 }, (_, i) => `${role}_db_${i}`);

  beforeAll(async () => {
    for (const database of databases) await createDatabase(database);
    const checkout = new Client({ connectionString: testAdminUrl(databases[0]) });
    await checkout.connect();
    await checkout.query('CREATE SCHEMA checkout; CREATE TABLE checkout.checkouts (id int PRIMARY KEY)');
    await checkout.end();
  });

  afterAll(async () => {
    for (const database of databases) await dropTestDatabase(database);
    const admin = new Client({ connectionString: testAdminUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it('is created once and altered by each at once without a failure (the role is the server’s, the databases are not)', async () => {
    // Two test clusters start side by side: each provisions the same role in its own database.
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        databases.map((database) => provisionAuditRole({ adminUrl: testAdminUrl(database), auditUrl: testDatabaseUrl(role, database) })),
      );
    }

    const audit = new Client({ connectionString: testDatabaseUrl(role, databases[0]) });
    await audit.connect();
    try {
      await expect(audit.query('SELECT count(*)::int AS n FROM checkout.checkouts')).resolves.toMatchObject({ rows: [{ n: 0 }] });
      await expect(audit.query('INSERT INTO checkout.checkouts VALUES (1)')).rejects.toThrow(/read-only|permission denied/);
    } finally {
      await audit.end();
    }
  });
});
