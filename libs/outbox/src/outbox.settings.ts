export interface OutboxOptions {
  /** The service's schema, where its outbox and inbox tables live. */
  schema: string;
  /** Rows claimed per relay transaction. */
  batchSize?: number;
  /**
   * Relay passes that may run at once in this process through a backlog (each claims its own
   * rows with SKIP LOCKED). A commit announced while a pass runs waits for the next pass, as a
   * consumer's batch takes what arrived while the previous batch committed, so the messages of
   * many commits go out together (decision 0047); the other lanes join only after a full batch.
   */
  concurrency?: number;
  /** A relay pass whose publishes are not all confirmed by then is rolled back and retried. */
  confirmTimeoutMs?: number;
  /**
   * Fallback poll when no notification arrives (a lost NOTIFY delays a message at most this
   * long). NOTIFY wakes the relay for every commit and a broker reconnect wakes it too, so this
   * is only the backstop: at rest the relay costs nothing in between.
   */
  pollIntervalMs?: number;
  /** The wait after a failed pass (the broker or the database away) before the next. */
  errorBackoffMs?: number;
  /** How long sent outbox rows are kept (for inspection) before clean-up deletes them. */
  sentRetentionMs?: number;
  /** How long inbox rows are kept: the window in which a duplicate is still recognised. */
  inboxRetentionMs?: number;
  cleanupIntervalMs?: number;
  /** Readiness reports the outbox down when its oldest pending row is older than this. */
  maxPendingAgeMs?: number;
  /** Start the relay in this process (default true). */
  relay?: boolean;
}

export class OutboxSettings {
  readonly schema: string;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly confirmTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly errorBackoffMs: number;
  readonly sentRetentionMs: number;
  readonly inboxRetentionMs: number;
  readonly cleanupIntervalMs: number;
  readonly maxPendingAgeMs: number;
  readonly relay: boolean;

  constructor(options: OutboxOptions) {
    this.schema = options.schema;
    // The relay writes the batch size into its claim's SQL as a literal: a whole number, checked here.
    this.batchSize = positiveInteger('batchSize', options.batchSize ?? 1000);
    this.concurrency = positiveInteger('concurrency', options.concurrency ?? 3);
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 15_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.errorBackoffMs = options.errorBackoffMs ?? 1_000;
    this.sentRetentionMs = options.sentRetentionMs ?? 24 * 3600_000;
    this.inboxRetentionMs = options.inboxRetentionMs ?? 7 * 24 * 3600_000;
    this.cleanupIntervalMs = options.cleanupIntervalMs ?? 60_000;
    this.maxPendingAgeMs = options.maxPendingAgeMs ?? 60_000;
    this.relay = options.relay ?? true;
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`outbox ${name} must be a positive whole number, got ${value}`);
  return value;
}
