import { Client } from 'pg';
import { TEST_ADMIN_URL } from './test-names';

export async function dropTestDatabase(name: string): Promise<void> {
  const client = new Client({ connectionString: TEST_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
