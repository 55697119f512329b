import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who started an experiment, for the visitors' per-client allowance (a digest of the client's
 * address from the edge, never the address; null for an operator), and the digest of the halt
 * token handed to the starter: halting needs the token itself (docs/decisions/0033).
 */
export class ExperimentBudgetAndHaltTokens1765000000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE chaos.experiments ADD COLUMN client text, ADD COLUMN halt_token_sha256 text');
    await db.query('CREATE INDEX experiments_by_client ON chaos.experiments (client, started_at DESC) WHERE client IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX chaos.experiments_by_client');
    await db.query('ALTER TABLE chaos.experiments DROP COLUMN client, DROP COLUMN halt_token_sha256');
  }
}
