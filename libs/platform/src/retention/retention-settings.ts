import { z } from 'zod';
import { env } from '../config/env';

/**
 * The shortest retention accepted. The inbox must remember a message at least as long as a
 * twin of it can still arrive (a relay's unconfirmed publish, a redelivery after a consumer
 * died: seconds), and the compressed-time runs need tens of seconds; the default is a day.
 */
export const MIN_RETENTION_SECONDS = 10;

/** The one retention rule of the cluster (docs/decisions/0037), alone: for the edge, which keeps traces and no tables. */
export function checkoutRetentionSetting() {
  return {
    /** How long a finished checkout's rows (and sent outbox rows, inbox rows, kept traces) are kept. */
    CHECKOUT_RETENTION_SECONDS: z.coerce
      .number({ error: `expected whole seconds (${MIN_RETENTION_SECONDS} or more)` })
      .int(`expected whole seconds (${MIN_RETENTION_SECONDS} or more)`)
      .min(MIN_RETENTION_SECONDS, `expected whole seconds (${MIN_RETENTION_SECONDS} or more)`)
      .default(86_400),
  };
}

/** The retention rule and how a service with tables applies it. */
export function retentionSettings() {
  return {
    ...checkoutRetentionSetting(),
    /**
     * How often the retention job (and the outbox's and inbox's clean-up) looks for rows past the
     * retention: housekeeping, so every five minutes. A pass that finds a backlog goes on in
     * batches until it is cleared; the interval only sets how often an idle cluster looks.
     */
    RETENTION_INTERVAL_SECONDS: env.positiveInt(300),
    /** Rows deleted per transaction: small, so no batch holds locks or the WAL for long. */
    RETENTION_BATCH_SIZE: env.positiveInt(500),
    /**
     * A login that owns the service's tables, used for nothing but `VACUUM` after a pass that
     * deleted rows. Unset: the space is reclaimed by autovacuum, which the database must then run.
     */
    RETENTION_VACUUM_URL: env.optionalUrl(['postgres:', 'postgresql:']),
  };
}

interface RetentionConfig {
  CHECKOUT_RETENTION_SECONDS: number;
  RETENTION_INTERVAL_SECONDS: number;
  RETENTION_BATCH_SIZE: number;
  RETENTION_VACUUM_URL?: string;
}

export interface RetentionOptions {
  readonly retentionSeconds: number;
  readonly intervalMs: number;
  readonly batchSize: number;
  /** The pause between two batches of a backlog, so the hot path always gets its turn. */
  readonly pauseMs: number;
  readonly vacuumUrl?: string;
}

export function retentionOptions(config: RetentionConfig): RetentionOptions {
  return {
    retentionSeconds: config.CHECKOUT_RETENTION_SECONDS,
    intervalMs: config.RETENTION_INTERVAL_SECONDS * 1000,
    batchSize: config.RETENTION_BATCH_SIZE,
    pauseMs: 100,
    vacuumUrl: config.RETENTION_VACUUM_URL,
  };
}

/**
 * The outbox's and the inbox's own clean-up, on the same rule (as `OutboxModule.forRoot`
 * options): a sent message and a remembered message id are kept as long as a finished checkout.
 */
export function messageRetention(options: RetentionOptions) {
  const retentionMs = options.retentionSeconds * 1000;
  return { sentRetentionMs: retentionMs, inboxRetentionMs: retentionMs, cleanupIntervalMs: options.intervalMs };
}
