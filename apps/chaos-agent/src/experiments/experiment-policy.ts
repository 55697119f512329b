import { ChaosError } from './chaos.errors';
import { CATALOGUE, HYPOTHESIS, isExperimentKind, WHOLE_CLUSTER, type ExperimentKind } from './experiment-catalogue';
import type { StartExperimentRequest } from './start-experiment.request';

export interface CatalogueView {
  readonly hypothesis: string;
  readonly maxSeconds: number;
  readonly kinds: readonly { kind: ExperimentKind; summary: string; targets: readonly string[] }[];
}

/**
 * What may be asked: a kind from the catalogue, one of its targets that is also on the
 * allowlist, for 1..maxSeconds. Everything else is a 400 that names what would be accepted.
 */
export class ExperimentPolicy {
  constructor(
    private readonly allowlist: readonly string[],
    readonly maxSeconds: number,
  ) {}

  view(): CatalogueView {
    return {
      hypothesis: HYPOTHESIS,
      maxSeconds: this.maxSeconds,
      kinds: Object.values(CATALOGUE).map((spec) => ({ kind: spec.kind, summary: spec.summary, targets: this.targetsOf(spec.kind) })),
    };
  }

  admit(request: StartExperimentRequest): { kind: ExperimentKind; target: string; seconds: number } {
    const { kind, target, seconds } = request;
    if (!isExperimentKind(kind)) throw new ChaosError('CHAOS.UNKNOWN_KIND', `unknown kind "${kind}"; one of: ${Object.keys(CATALOGUE).join(', ')}`);
    const targets = this.targetsOf(kind);
    if (!targets.includes(target)) throw new ChaosError('CHAOS.BAD_TARGET', `${kind} cannot target "${target}"; one of: ${targets.join(', ')}`);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > this.maxSeconds) {
      throw new ChaosError('CHAOS.BAD_DURATION', `seconds must be a whole number from 1 to ${this.maxSeconds}`);
    }
    return { kind, target, seconds };
  }

  private targetsOf(kind: ExperimentKind): string[] {
    return CATALOGUE[kind].targets.filter((target) => target === WHOLE_CLUSTER || this.allowlist.includes(target));
  }
}
