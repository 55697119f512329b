/** Anything that can run a parameterised query: a pool, a client, a transaction's client. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** One thing found wrong: which row (a checkout id, a SKU, a queue) and what is wrong with it. */
export interface Finding {
  readonly subject: string;
  readonly detail: string;
}

/** What a check is told about the run it judges. */
export interface CheckContext {
  /** Rows last touched after this are still settling and are not judged by cross-service checks. */
  readonly quietBefore: Date;
  /** A checkout not terminal by this time (created before it) is stuck. */
  readonly terminalBefore: Date;
  /**
   * The retention horizon (see checks/retention.sql.ts), null before any deletion: checkouts
   * created from it on are judged one by one, the rest through totals carried forward.
   */
  readonly horizon: Date | null;
  /** Stock on hand when the run began, when the caller recorded it: turns "sold" into an oversell check. */
  readonly baseline?: StockBaseline;
  /** How many malformed messages the run injected on purpose (poison-message experiments). */
  readonly poisonInjected: number;
  readonly deadLetters?: DeadLetterProbe;
}

export interface StockBaseline {
  readonly at: Date;
  readonly onHand: Readonly<Record<string, number>>;
  /** Units in committed reservations, read in the same snapshot as `onHand`. */
  readonly committed: Readonly<Record<string, number>>;
}

/** Reads how many messages each dead-letter queue holds (the broker is the only place that knows). */
export type DeadLetterProbe = () => Promise<Readonly<Record<string, number>>>;

export interface InvariantCheck {
  readonly name: string;
  /** The invariant in one sentence, as the chaos page prints it. */
  readonly statement: string;
  /** Findings, or `null` when the check could not be made (no probe for it): skipped, never "passed". */
  run(db: Queryable, context: CheckContext): Promise<readonly Finding[] | null>;
}

export type InvariantStatus = 'passed' | 'failed' | 'skipped';

export interface InvariantResult {
  readonly name: string;
  readonly statement: string;
  readonly status: InvariantStatus;
  readonly violations: number;
  /** The first few findings: enough evidence to look a row up, bounded so a report stays small. */
  readonly examples: readonly Finding[];
}

export interface InvariantReport {
  readonly checkedAt: string;
  /** True only when no check failed (a skipped check is listed, and does not count as proof). */
  readonly passed: boolean;
  readonly results: readonly InvariantResult[];
}
