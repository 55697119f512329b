import { RETENTION_CUTOFF, RetentionModule, type RetentionOptions, type RetentionStep } from '@checkout/platform';

/**
 * Experiments that ended (finished or aborted) longer ago than the retention: the chaos page's
 * history is as long as the cluster keeps the checkouts it judged. A running or recovering
 * experiment is never touched: its row is how a restarted agent finds the fault to revert.
 * Nothing is carried forward: the invariant checker does not read this schema.
 */
export const endedExperiments: RetentionStep = {
  name: 'experiments',
  tables: ['chaos.experiments'],
  sql: `
    WITH gone AS (
      DELETE FROM chaos.experiments WHERE id IN (
        SELECT id FROM chaos.experiments
         WHERE state IN ('finished', 'aborted') AND coalesce(finished_at, started_at) < ${RETENTION_CUTOFF}
         LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING id
    )
    SELECT count(*)::int AS deleted FROM gone`,
};

export const chaosRetention = (options: RetentionOptions) => RetentionModule.forRoot({ options, steps: [endedExperiments] });
