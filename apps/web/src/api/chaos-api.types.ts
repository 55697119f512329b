import type { TimelineSample } from '@checkout/contracts/views';

export type { TimelineSample };

/** The chaos page's view of /api/chaos/* and /api/invariants (apps/bff-web/src/chaos). */
export interface ChaosCatalogue {
  readonly hypothesis: string;
  readonly maxSeconds: number;
  readonly kinds: readonly { readonly kind: string; readonly summary: string; readonly targets: readonly string[] }[];
}

export type ExperimentState = 'running' | 'recovering' | 'finished' | 'aborted';

export interface ExperimentView {
  readonly id: string;
  readonly kind: string;
  readonly target: string;
  readonly seconds: number;
  readonly state: ExperimentState;
  readonly hypothesis: string;
  readonly startedAt: string;
  readonly revertedAt: string | null;
  readonly recoveredAt: string | null;
  readonly finishedAt: string | null;
  readonly checks: readonly { readonly name: string; readonly passed: boolean; readonly detail: string }[];
  readonly verdict: {
    readonly passed: boolean;
    readonly summary: string;
    readonly timeToRecoverMs: number | null;
    readonly checkoutsAffected: number;
    readonly invariantsFailed: readonly string[];
  } | null;
}

export interface FaultBand {
  readonly id: string;
  readonly kind: string;
  readonly target: string;
  readonly state: ExperimentState;
  readonly from: string;
  readonly to: string | null;
}

export interface ChaosTimeline {
  readonly samples: readonly TimelineSample[];
  readonly faults: readonly FaultBand[];
}

export interface InvariantReport {
  readonly checkedAt: string;
  readonly passed: boolean;
  readonly results: readonly {
    readonly name: string;
    readonly statement: string;
    readonly status: 'passed' | 'failed' | 'skipped';
    readonly violations: number;
  }[];
}
