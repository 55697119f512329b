import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateChaosSchema1763800000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE SCHEMA IF NOT EXISTS chaos');
    // An experiment is stored before its fault is injected, with the deadline by which the
    // fault must be reverted: an agent that crashes mid-fault finds it here on start.
    await db.query(`
      CREATE TABLE chaos.experiments (
        id          uuid        PRIMARY KEY,
        kind        text        NOT NULL,
        target      text,
        seconds     integer     NOT NULL CHECK (seconds BETWEEN 1 AND 600),
        state       text        NOT NULL CHECK (state IN ('running', 'recovering', 'finished', 'aborted')),
        started_at  timestamptz NOT NULL DEFAULT now(),
        deadline_at timestamptz NOT NULL,
        reverted_at timestamptz,
        recovered_at timestamptz,
        finished_at timestamptz,
        evidence    jsonb       NOT NULL DEFAULT '{}',
        verdict     jsonb
      )`);
    // One experiment at a time, cluster-wide: the database refuses a second active one, so
    // two agents (or two requests racing) cannot both start a fault.
    await db.query(`CREATE UNIQUE INDEX experiments_one_active ON chaos.experiments ((true)) WHERE state IN ('running', 'recovering')`);
    await db.query('CREATE INDEX experiments_recent ON chaos.experiments (started_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP SCHEMA IF EXISTS chaos CASCADE');
  }
}
