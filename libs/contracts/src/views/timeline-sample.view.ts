/** One second of the cluster as the chaos agent samples it and the chaos page plots it. */
export interface TimelineSample {
  readonly at: number;
  readonly up: Readonly<Record<string, boolean>>;
  readonly completedPerSecond: number;
  readonly inFlight: number;
  readonly p95Ms: number | null;
  readonly failedRequests: number;
  readonly outbox: Readonly<Record<string, number>>;
  readonly queues: Readonly<Record<string, number>>;
  readonly deadLetters: Readonly<Record<string, number>>;
}
