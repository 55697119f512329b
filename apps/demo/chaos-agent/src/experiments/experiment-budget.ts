import { ChaosError, type ChaosCode } from './chaos.errors';
import type { Requester } from './experiment-policy';

/** The visitors' shared budget (CHAOS_COOLDOWN_SECONDS, CHAOS_EXPERIMENTS_PER_HOUR, …). */
export interface BudgetSettings {
  readonly coolDownSeconds: number;
  readonly perHour: number;
  readonly perClient: number;
  readonly clientWindowMinutes: number;
}

/** What the experiments table says, read at one instant (`now`, the database's clock). */
export interface BudgetFacts {
  readonly now: Date;
  /** The running experiment's deadline, if one runs (its verdict follows, so the slot opens later). */
  readonly activeUntil: Date | null;
  readonly lastVerdictAt: Date | null;
  /** Experiments started in the last hour, and when the oldest of them started. */
  readonly startedThisHour: number;
  readonly oldestThisHour: Date | null;
  /** The same for this client within its window (0 and null for an operator). */
  readonly startedByClient: number;
  readonly oldestByClient: Date | null;
}

export interface BudgetView {
  readonly slotFree: boolean;
  /** When the next experiment may start; null while one runs (it opens a cool-down after its verdict). */
  readonly nextSlotAt: string | null;
  readonly running: boolean;
  readonly coolDownSeconds: number;
  readonly hour: { readonly limit: number; readonly left: number };
  readonly client: { readonly limit: number; readonly left: number; readonly windowMinutes: number; readonly nextAt: string | null };
}

const HOUR_MS = 3_600_000;
/** While one runs, the earliest sensible retry: its deadline, a verdict and the cool-down after it. */
const VERDICT_ESTIMATE_MS = 20_000;

/**
 * The budget's rules, pure: one experiment at a time cluster-wide, a cool-down after each
 * verdict (so the cluster is seen healthy between two), so many per hour for everyone and so
 * many per client per window. An operator is held only to the first (the cluster can run one
 * fault at a time, whoever asks).
 */
export class ExperimentBudget {
  constructor(readonly settings: BudgetSettings) {}

  view(facts: BudgetFacts): BudgetView {
    // The slot is the cluster's: this client's own allowance is shown beside it.
    const refusal = this.clusterRefusal(facts, 'visitor');
    const { perHour, perClient, clientWindowMinutes, coolDownSeconds } = this.settings;
    const clientFreesAt = this.clientFreesAt(facts);
    return {
      slotFree: refusal === null,
      running: facts.activeUntil !== null,
      nextSlotAt: facts.activeUntil ? null : new Date(facts.now.getTime() + (refusal?.retryAfterSeconds ?? 0) * 1000).toISOString(),
      coolDownSeconds,
      hour: { limit: perHour, left: Math.max(0, perHour - facts.startedThisHour) },
      client: {
        limit: perClient,
        left: Math.max(0, perClient - facts.startedByClient),
        windowMinutes: clientWindowMinutes,
        nextAt: clientFreesAt ? clientFreesAt.toISOString() : null,
      },
    };
  }

  /** Throws the refusal a request would meet now (429 with Retry-After), or returns. */
  admit(facts: BudgetFacts, who: Requester): void {
    const refusal = this.refusal(facts, who);
    if (refusal) throw new ChaosError(refusal.code, refusal.message, refusal.retryAfterSeconds);
  }

  private refusal(facts: BudgetFacts, who: Requester): Refusal | null {
    const cluster = this.clusterRefusal(facts, who);
    if (cluster || who === 'operator') return cluster;
    const { perClient, clientWindowMinutes } = this.settings;
    const clientFreesAt = this.clientFreesAt(facts);
    if (facts.startedByClient >= perClient && clientFreesAt) {
      return {
        code: 'CHAOS.CLIENT_BUDGET_SPENT',
        message: `You have run ${perClient} experiments in ${clientWindowMinutes} minutes, your share; let others have a turn.`,
        retryAfterSeconds: secondsUntil(facts.now, clientFreesAt),
      };
    }
    return null;
  }

  private clusterRefusal(facts: BudgetFacts, who: Requester): Refusal | null {
    const { now } = facts;
    const { coolDownSeconds, perHour } = this.settings;
    if (facts.activeUntil) {
      const estimate = facts.activeUntil.getTime() + VERDICT_ESTIMATE_MS + coolDownSeconds * 1000;
      return {
        code: 'CHAOS.BUSY',
        message: 'Another experiment is running: one at a time for the whole cluster. The next slot opens a little after its verdict.',
        retryAfterSeconds: secondsUntil(now, new Date(estimate)),
      };
    }
    if (who === 'operator') return null;
    const coolDownEnds = facts.lastVerdictAt && new Date(facts.lastVerdictAt.getTime() + coolDownSeconds * 1000);
    if (coolDownEnds && coolDownEnds > now) {
      return {
        code: 'CHAOS.COOLING_DOWN',
        message: `The cluster rests ${coolDownSeconds} s after each verdict, so everyone sees it healthy between experiments.`,
        retryAfterSeconds: secondsUntil(now, coolDownEnds),
      };
    }
    if (facts.startedThisHour >= perHour && facts.oldestThisHour) {
      return {
        code: 'CHAOS.HOURLY_BUDGET_SPENT',
        message: `This hour's ${perHour} experiments, shared by every visitor, are used up.`,
        retryAfterSeconds: secondsUntil(now, new Date(facts.oldestThisHour.getTime() + HOUR_MS)),
      };
    }
    return null;
  }

  /** When this client's oldest experiment in the window drops out of it. */
  private clientFreesAt(facts: BudgetFacts): Date | null {
    return facts.oldestByClient && new Date(facts.oldestByClient.getTime() + this.settings.clientWindowMinutes * 60_000);
  }
}

interface Refusal {
  readonly code: ChaosCode;
  readonly message: string;
  readonly retryAfterSeconds: number;
}

const secondsUntil = (now: Date, at: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
