import type { Percentiles } from './latency-recorder';

/** What a run did so far (a snapshot) or in all (the final report). */
export interface LoadReport {
  /** POSTs sent. */
  started: number;
  /** Answered 202: a checkout exists and is followed to its end. */
  accepted: number;
  /** Answered 503 or 429: the system refused the work (admission control or rate limit). */
  shed: number;
  /** Any other answer, a timeout or a connection error, still so after the retries. */
  failedRequests: number;
  /** Failed POSTs sent again with the same Idempotency-Key (their answer may just have been lost). */
  retriedRequests: number;
  /** What the last failed request got (status and body, or the error), null if none failed. */
  lastFailure: string | null;
  /** Open loop only: arrivals not sent because `maxPendingPosts` POSTs were unanswered. */
  notSent: number;
  completed: number;
  cancelled: number;
  /** Ended Failed (needs an operator). */
  failed: number;
  /** Accepted and not yet ended. */
  inFlight: number;
  /** Since the run started. */
  elapsedMs: number;
  latencyMs: {
    /** POST sent → 2xx/4xx/5xx answer received. */
    postResponse: Percentiles;
    /** POST sent → Completed observed. */
    postToCompleted: Percentiles;
    /** POST sent → any end (Completed, Cancelled, Failed) observed. */
    postToEnd: Percentiles;
  };
}
