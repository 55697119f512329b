import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { provisionDatabase } from './provision';

const ADMIN = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const database = `provision_${suffix}`;
const role = `provision_role_${suffix}`;

class CreateWidgets1700000000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SCHEMA IF NOT EXISTS shop');
    await db.query('CREATE TABLE shop.widgets (id int PRIMARY KEY, name text NOT NULL)');
  }
  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP SCHEMA shop CASCADE');
  }
}

const urlFor = (user: string, db: string) => {
  const url = new URL(ADMIN);
  url.username = user;
  url.password = user;
  url.pathname = `/${db}`;
  return url.toString();
};
const adminUrl = (db: string) => Object.assign(new URL(ADMIN), { pathname: `/${db}` }).toString();

async function asRole<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlFor(role, database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('provisioning a service database', () => {
  const options = { url: urlFor(role, database), adminUrl: adminUrl(database), schema: 'shop', migrations: [CreateWidgets1700000000000] };

  beforeAll(async () => {
    // Three processes starting at once must not trip over each other.
    await Promise.all([provisionDatabase(options), provisionDatabase(options), provisionDatabase(options)]);
  });

  afterAll(async () => {
    const admin = new Client({ connectionString: adminUrl('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  });

  it('creates the database, the role and the schema, and runs each migration once', async () => {
    await provisionDatabase(options);
    const admin = new Client({ connectionString: adminUrl(database) });
    await admin.connect();
    const runs = await admin.query('SELECT name FROM public.shop_migrations');
    await admin.end();
    expect(runs.rows).toEqual([{ name: 'CreateWidgets1700000000000' }]);
  });

  it('lets the role read and write its tables', async () => {
    const rows = await asRole(async (client) => {
      await client.query("INSERT INTO shop.widgets VALUES (1, 'demo')");
      return (await client.query('SELECT name FROM shop.widgets')).rows;
    });
    expect(rows).toEqual([{ name: 'demo' }]);
  });

  it('does not let the role change the schema', async () => {
    await expect(asRole((client) => client.query('CREATE TABLE shop.sneaky (id int)'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(asRole((client) => client.query('DROP TABLE shop.widgets'))).rejects.toThrow(/must be owner/);
  });

  it('does not let the role see the migration history in public', async () => {
    await expect(asRole((client) => client.query('SELECT * FROM public.shop_migrations'))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('provisions databases side by side that share a role (two test clusters at once)', async () => {
    // A role is the server's, not a database's: its ALTER ROLE from two databases at once races.
    const siblings = Array.from({ length: 6 }, (_, i) => `${database}_side_${i}`);
    try {
      for (let round = 0; round < 4; round++) {
        await Promise.all(
          siblings.map((db) =>
            provisionDatabase({ ...options, url: urlFor(role, db), adminUrl: adminUrl(db) }),
          ),
        );
      }
      for (const db of siblings) {
        const client = new Client({ connectionString: urlFor(role, db) });
        await client.connect();
        await expect(client.query('SELECT count(*)::int AS n FROM shop.widgets')).resolves.toMatchObject({ rows: [{ n: 0 }] });
        await client.end();
      }
    } finally {
      const admin = new Client({ connectionString: adminUrl('postgres') });
      await admin.connect();
      for (const db of siblings) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
