import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalogSchema1763700000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SCHEMA IF NOT EXISTS catalog');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP SCHEMA IF EXISTS catalog CASCADE');
  }
}
