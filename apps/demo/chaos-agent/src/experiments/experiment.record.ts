import type { ExperimentKind } from './experiment-catalogue';

export type ExperimentState = 'running' | 'recovering' | 'finished' | 'aborted';

/** One named test of the hypothesis, with what was seen. */
export interface VerdictCheck {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

export interface Verdict {
  readonly passed: boolean;
  readonly summary: string;
  /** From the end of the fault until every service was ready again. */
  readonly timeToRecoverMs: number | null;
  /** Checkouts started while the fault was on. */
  readonly checkoutsAffected: number;
  /** Names of the invariants that failed, if any. */
  readonly invariantsFailed: readonly string[];
}

/** An experiment as stored and as the API returns it. */
export interface Experiment {
  readonly id: string;
  readonly kind: ExperimentKind;
  readonly target: string;
  readonly seconds: number;
  /** The steady-state hypothesis it tests. */
  readonly hypothesis: string;
  readonly state: ExperimentState;
  readonly startedAt: string;
  readonly deadlineAt: string;
  readonly revertedAt: string | null;
  readonly recoveredAt: string | null;
  readonly finishedAt: string | null;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly checks: readonly VerdictCheck[];
  readonly verdict: Verdict | null;
}
