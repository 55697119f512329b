import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVaultSchema1764000000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SCHEMA IF NOT EXISTS vault');
    // One row per live lease. A revoked or expired lease's row is deleted with its role, so
    // the table is exactly the set of dynamic roles that may exist in Postgres.
    await db.query(`
      CREATE TABLE vault.leases (
        lease_id        text PRIMARY KEY,
        role            text NOT NULL,
        username        text NOT NULL UNIQUE,
        issued_at       timestamptz NOT NULL,
        expires_at      timestamptz NOT NULL,
        max_expires_at  timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX leases_expires_at ON vault.leases (expires_at)');
    await db.query(`
      CREATE TABLE vault.kv_versions (
        path         text NOT NULL,
        version      integer NOT NULL,
        data         jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (path, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP SCHEMA IF EXISTS vault CASCADE');
  }
}
