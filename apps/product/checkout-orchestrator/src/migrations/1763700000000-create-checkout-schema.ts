import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrchestratorSchema1763700000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SCHEMA IF NOT EXISTS checkout');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP SCHEMA IF EXISTS checkout CASCADE');
  }
}
