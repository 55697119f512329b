import { retentionOptions } from '@checkout/platform';
import { retentionPass, retentionSql, retentionTestEnv, startRetentionTestApp, stopRetentionTestApp, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { loadChaosAgentConfig } from '../chaos-agent.config';
import { chaosDatabase } from '../database.options';
import { chaosRetention } from './experiments.retention';

describe('the chaos agent forgetting ended experiments', () => {
  const database = uniqueName('chaos_retention');
  let app: INestApplication;

  beforeAll(async () => {
    const config = loadChaosAgentConfig(retentionTestEnv('chaos_agent', database));
    app = await startRetentionTestApp(chaosDatabase(config), chaosRetention(retentionOptions(config)));
  }, 30_000);

  afterAll(() => stopRetentionTestApp(app, database));

  const sql = retentionSql(() => app);
  const experiment = (state: string, endedSecondsAgo: number | null) =>
    sql<{ id: string }>(
      `INSERT INTO chaos.experiments (id, kind, seconds, state, started_at, deadline_at, finished_at)
       VALUES (gen_random_uuid(), 'kill', 10, $1, now() - interval '1 hour', now() - interval '1 hour',
               CASE WHEN $2::int IS NULL THEN NULL ELSE now() - make_interval(secs => $2::int) END)
       RETURNING id`,
      [state, endedSecondsAgo],
    ).then(([row]) => row.id);

  it('deletes finished and aborted experiments past the retention, never a running one', async () => {
    const kept = [await experiment('running', null), await experiment('finished', 5)]; // one active at a time
    await experiment('finished', 600);
    await experiment('aborted', 600);

    expect(await retentionPass(app)).toBe(false);

    expect((await sql<{ id: string }>('SELECT id FROM chaos.experiments')).map((row) => row.id).sort()).toEqual(kept.sort());
  });
});
