import { ChaosError } from './chaos.errors';
import { CATALOGUE, HYPOTHESIS, isExperimentKind, WHOLE_CLUSTER, type ExperimentKind } from './experiment-catalogue';
import type { StartExperimentRequest } from './start-experiment.request';

export interface CatalogueView {
  readonly hypothesis: string;
  readonly maxSeconds: number;
  readonly kinds: readonly { kind: ExperimentKind; summary: string; targets: readonly string[]; defaultSeconds?: number; minSeconds?: number }[];
}

/**
 * What may be asked: a kind from the catalogue, one of its targets that is also on the
 * allowlist, for 1..maxSeconds. A kind that only hits the whole cluster needs no target, and one
 * with default seconds needs no seconds. Everything else is a 400 that names what would be accepted.
 */
export class ExperimentPolicy {
  constructor(
    private readonly allowlist: readonly string[],
    readonly maxSeconds: number,
    /** Whether the cluster's secrets come from Vault: the rotations need it. */
    private readonly secretsFromVault = false,
  ) {}

  view(): CatalogueView {
    return {
      hypothesis: HYPOTHESIS,
      maxSeconds: this.maxSeconds,
      kinds: Object.values(CATALOGUE)
        .filter((spec) => this.offers(spec.kind))
        .map(({ kind, summary, defaultSeconds, minSeconds }) => ({ kind, summary, targets: this.targetsOf(kind), defaultSeconds, minSeconds })),
    };
  }

  admit(request: StartExperimentRequest): { kind: ExperimentKind; target: string; seconds: number } {
    const { kind } = request;
    if (!isExperimentKind(kind)) throw new ChaosError('CHAOS.UNKNOWN_KIND', `unknown kind "${kind}"; one of: ${Object.keys(CATALOGUE).join(', ')}`);
    if (!this.offers(kind)) throw new ChaosError('CHAOS.NOT_ALLOWED', `${kind} needs the cluster's secrets in Vault (SECRETS_PROVIDER=vault)`);
    const targets = this.targetsOf(kind);
    const target = request.target ?? (targets.length === 1 && targets[0] === WHOLE_CLUSTER ? WHOLE_CLUSTER : undefined);
    if (target === undefined || !targets.includes(target)) {
      throw new ChaosError('CHAOS.BAD_TARGET', `${kind} ${target === undefined ? 'needs a target' : `cannot target "${target}"`}; one of: ${targets.join(', ')}`);
    }
    const { defaultSeconds, minSeconds = 1 } = CATALOGUE[kind];
    const seconds = request.seconds ?? defaultSeconds;
    if (seconds === undefined || !Number.isInteger(seconds) || seconds < minSeconds || seconds > this.maxSeconds) {
      throw new ChaosError('CHAOS.BAD_DURATION', `seconds must be a whole number from ${minSeconds} to ${this.maxSeconds}`);
    }
    return { kind, target, seconds };
  }

  private offers(kind: ExperimentKind): boolean {
    return !CATALOGUE[kind].needsVault || this.secretsFromVault;
  }

  private targetsOf(kind: ExperimentKind): string[] {
    return CATALOGUE[kind].targets.filter((target) => target === WHOLE_CLUSTER || this.allowlist.includes(target));
  }
}
