import type { ExperimentKind } from '../experiments/experiment-catalogue';

/** What a fault did, in words and numbers the verdict shows as evidence. */
export type FaultEvidence = Readonly<Record<string, string | number | boolean>>;

/**
 * One kind of fault. `inject` does the damage; `revert` undoes it and must be safe to call
 * again (after an agent restart it may run for a fault already reverted). Faults that are an
 * instant (a kill, a terminated connection, a message) have nothing to revert but still run
 * for the experiment's seconds, so the verdict watches the cluster through the same window.
 */
export interface Fault {
  readonly kind: ExperimentKind;
  inject(target: string): Promise<FaultEvidence>;
  revert(target: string): Promise<void>;
}

export const FAULTS = Symbol('FAULTS');
