import { ChaosError } from './chaos.errors';
import { CATALOGUE, HYPOTHESIS, isExperimentKind, OPERATOR_ONLY_TARGETS, WHOLE_CLUSTER, type ExperimentKind } from './experiment-catalogue';

/** Who asks: an anonymous visitor (through the edge) or an operator (OPS_TOKEN, or the cluster's own tools). */
export type Requester = 'visitor' | 'operator';

export interface CatalogueView {
  readonly hypothesis: string;
  /** An operator's longest fault, and a visitor's. */
  readonly maxSeconds: number;
  readonly publicMaxSeconds: number;
  readonly kinds: readonly {
    kind: ExperimentKind;
    summary: string;
    /** Every target an operator may name, and the ones a visitor may. */
    targets: readonly string[];
    publicTargets: readonly string[];
    defaultSeconds?: number;
    minSeconds?: number;
  }[];
}

export interface ExperimentAsk {
  readonly kind: string;
  readonly target?: string;
  readonly seconds?: number;
}

/**
 * What may be asked: a kind from the catalogue, one of its targets that is also on the
 * allowlist, for 1..maxSeconds. A kind that only hits the whole cluster needs no target, and one
 * with default seconds needs no seconds. Everything else is a 400 that names what would be accepted.
 *
 * The blast radius: a visitor may not name the edge (it would take the page away from everyone)
 * nor ask for more than publicMaxSeconds; those are an operator's, and the refusal (403) says so.
 */
export class ExperimentPolicy {
  constructor(
    private readonly allowlist: readonly string[],
    readonly maxSeconds: number,
    /** Whether the cluster's secrets come from Vault: the rotations need it. */
    private readonly secretsFromVault = false,
    readonly publicMaxSeconds = 30,
  ) {
    this.publicMaxSeconds = Math.min(publicMaxSeconds, maxSeconds);
  }

  view(): CatalogueView {
    return {
      hypothesis: HYPOTHESIS,
      maxSeconds: this.maxSeconds,
      publicMaxSeconds: this.publicMaxSeconds,
      kinds: Object.values(CATALOGUE)
        .filter((spec) => this.offers(spec.kind))
        .map(({ kind, summary, defaultSeconds, minSeconds }) => ({
          kind,
          summary,
          targets: this.targetsOf(kind),
          publicTargets: this.targetsOf(kind).filter(isPublicTarget),
          defaultSeconds,
          minSeconds,
        })),
    };
  }

  admit(request: ExperimentAsk, who: Requester = 'operator'): { kind: ExperimentKind; target: string; seconds: number } {
    const { kind } = request;
    if (!isExperimentKind(kind)) throw new ChaosError('CHAOS.UNKNOWN_KIND', `unknown kind "${kind}"; one of: ${Object.keys(CATALOGUE).join(', ')}`);
    if (!this.offers(kind)) throw new ChaosError('CHAOS.NOT_ALLOWED', `${kind} needs the cluster's secrets in Vault (SECRETS_PROVIDER=vault)`);
    const targets = this.targetsOf(kind);
    const target = request.target ?? (targets.length === 1 && targets[0] === WHOLE_CLUSTER ? WHOLE_CLUSTER : undefined);
    if (target === undefined || !targets.includes(target)) {
      throw new ChaosError('CHAOS.BAD_TARGET', `${kind} ${target === undefined ? 'needs a target' : `cannot target "${target}"`}; one of: ${targets.join(', ')}`);
    }
    if (who === 'visitor' && !isPublicTarget(target)) {
      throw new ChaosError(
        'CHAOS.OPERATOR_ONLY',
        `${target} serves this very page: a fault on it would take the site away from every visitor, so only an operator may ask for it`,
      );
    }
    const { defaultSeconds, minSeconds = 1 } = CATALOGUE[kind];
    const seconds = request.seconds ?? defaultSeconds;
    if (who === 'visitor' && seconds !== undefined && seconds > this.publicMaxSeconds) {
      throw new ChaosError('CHAOS.OPERATOR_ONLY', `a visitor's fault lasts at most ${this.publicMaxSeconds} s; longer ones are for an operator`);
    }
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

const isPublicTarget = (target: string) => !OPERATOR_ONLY_TARGETS.includes(target);
