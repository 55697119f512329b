import type { TimelineSample } from '@checkout/contracts/views';

export type { TimelineSample };

/** The chaos page's view of /api/chaos/* and /api/invariants (apps/product/bff-web/src/chaos). */
export interface ChaosCatalogue {
  readonly hypothesis: string;
  /** An operator's longest fault, and an anonymous visitor's. */
  readonly maxSeconds: number;
  readonly publicMaxSeconds: number;
  readonly kinds: readonly {
    readonly kind: string;
    readonly summary: string;
    /** Every target (an operator's), and the ones a visitor may name. */
    readonly targets: readonly string[];
    readonly publicTargets: readonly string[];
  }[];
}

/** The visitors' shared budget (GET /api/chaos/budget), as it stands for this visitor. */
export interface ChaosBudget {
  readonly slotFree: boolean;
  readonly running: boolean;
  /** When the next experiment may start; null while one runs. */
  readonly nextSlotAt: string | null;
  readonly coolDownSeconds: number;
  readonly hour: { readonly limit: number; readonly left: number };
  readonly client: { readonly limit: number; readonly left: number; readonly windowMinutes: number; readonly nextAt: string | null };
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
