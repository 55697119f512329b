import { DatabaseService, DeadlineLoop } from '@checkout/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { CHAOS_CONFIG, type ChaosAgentConfig } from '../chaos-agent.config';
import { FAULTS, type Fault } from '../faults/fault';
import { LiveLoad } from '../live-load/live-load.service';
import { LoadDemand } from '../live-load/load-demand';
import { ChaosError } from './chaos.errors';
import type { ExperimentKind } from './experiment-catalogue';
import { ExperimentJudge } from './experiment-judge';
import { ExperimentPolicy, type Requester } from './experiment-policy';
import type { Experiment, Verdict } from './experiment.record';
import { ExperimentRepository } from './experiment.repository';
import type { HaltRequest, StartExperimentRequest } from './start-experiment.request';
import { ExperimentBudget } from './experiment-budget';
import { VisitorsView } from '../observation/visitors-view';

/** The reaper's fallback look when no deadline is known: nothing at rest runs more often. */
const REAP_FALLBACK_MS = 30_000;
/** How soon a revert that failed, or a reaper pass that failed, is tried again. */
const RETRY_REVERT_MS = 1_000;
/** The soonest a pass follows the last: a fault past its deadline but still being injected must not spin it. */
const REAP_MIN_GAP_MS = 250;
/**
 * How long an experiment that started the live load waits for its first accepted checkout
 * before the fault: short, because the edge gives the whole start 5 s.
 */
const WARM_UP_MS = 2_000;

/**
 * Runs one experiment at a time: stores it with its deadline, injects the fault, and leaves
 * the revert to the reaper, which reverts every fault past its deadline. The row is the truth,
 * the timer only a wake-up: the reaper (a DeadlineLoop) wakes at the running fault's deadline
 * (or every 30 s when none runs), so an agent restarted mid-fault finds the row and reverts it
 * on its first pass, and one whose deadline was missed while it was down is reverted at once.
 */
@Injectable()
export class ExperimentRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExperimentRunner');
  private readonly ending = new Set<string>();
  /** Experiments whose fault is being injected right now: the reaper leaves them alone. */
  private readonly injecting = new Set<string>();
  private readonly reaper: DeadlineLoop;

  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly policy: ExperimentPolicy,
    private readonly judge: ExperimentJudge,
    private readonly budget: ExperimentBudget,
    private readonly visitors: VisitorsView,
    private readonly database: DatabaseService,
    private readonly demand: LoadDemand,
    private readonly load: LiveLoad,
    @Inject(CHAOS_CONFIG) private readonly config: Pick<ChaosAgentConfig, 'CHAOS_RECOVERY_SECONDS'>,
    @Inject(FAULTS) private readonly faults: ReadonlyMap<ExperimentKind, Fault>,
  ) {
    this.reaper = new DeadlineLoop(() => this.reap(), {
      name: 'ExperimentReaper',
      fallbackMs: REAP_FALLBACK_MS,
      errorBackoffMs: RETRY_REVERT_MS,
      minGapMs: REAP_MIN_GAP_MS,
    });
  }

  onApplicationBootstrap(): void {
    // The HTTP server does not wait for Postgres; the reaper starts once it is there, and
    // once the previous agent's experiments are picked up again.
    this.reaper.start(this.database.ready.then(() => this.resume()));
  }

  private async resume(): Promise<void> {
    // Verdicts the previous agent did not live to give are given now.
    for (const experiment of await this.experiments.recent(5).catch(() => [])) {
      if (experiment.state === 'recovering') void this.judge.judge(experiment.id);
      if (experiment.state === 'running' || experiment.state === 'recovering') this.needLoadFor(experiment.seconds);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reaper.stop();
  }

  /** Traffic and observation for the fault and its recovery (LoadDemand adds its linger). */
  private needLoadFor(seconds: number): void {
    this.demand.keepUntil(Date.now() + (seconds + this.config.CHAOS_RECOVERY_SECONDS) * 1000);
  }

  /**
   * Admits the request (the catalogue's rules and the blast radius, then the budget), stores it
   * and injects its fault. A visitor's start returns a halt token, handed to nobody else: only
   * its digest is kept, and halting a visitor's experiment needs the token itself.
   */
  async start(request: StartExperimentRequest): Promise<{ experiment: Experiment; haltToken: string | null }> {
    const requester: Requester = request.visitor ? 'visitor' : 'operator';
    const { kind, target, seconds } = this.policy.admit(request, requester);
    const haltToken = request.visitor ? randomBytes(24).toString('base64url') : null;
    const before = await this.judge.steadyState();
    const fields = {
      kind,
      target,
      seconds,
      client: request.visitor?.client ?? null,
      clientWindowMinutes: this.budget.settings.clientWindowMinutes,
      haltTokenSha256: haltToken && sha256(haltToken),
    };
    const experiment = await this.experiments.open(randomUUID(), fields, (facts) => this.budget.admit(facts, requester));
    // With nobody watching, the live load starts with the experiment: the fault waits for it.
    const cold = !this.demand.state().running;
    this.needLoadFor(seconds);
    if (cold) await this.load.flowing(WARM_UP_MS);
    const fault = this.faultFor(kind);
    this.injecting.add(experiment.id);
    this.visitors.watch(experiment.id);
    try {
      const evidence = await fault.inject(target);
      // The fault lasts its seconds from when it took effect (a graceful stop can take a
      // while). Should the agent die before this line, the deadline set at open still holds.
      await this.experiments.startClock(experiment.id, seconds, { ...evidence, readyBefore: before });
      this.reaper.wakeAt(Date.now() + seconds * 1000);
    } catch (error) {
      this.logger.error(`${kind} on ${target} could not be injected: ${error}`);
      this.visitors.forget(experiment.id);
      await fault.revert(target).catch(() => undefined);
      await this.experiments.finish(experiment.id, 'aborted', [], aborted('the fault could not be injected; nothing was left behind'));
      throw new ChaosError('CHAOS.FAULT_FAILED', `${kind} could not be injected; try again shortly`);
    } finally {
      this.injecting.delete(experiment.id);
    }
    this.logger.log(`${kind} on ${target} for ${seconds} s (${experiment.id}, by ${requester})`);
    return { experiment, haltToken };
  }

  /**
   * Reverts whatever runs, now, and records it as aborted. An operator may halt any; a visitor
   * only the one their halt token was handed out for.
   */
  async halt(request: HaltRequest): Promise<Experiment | null> {
    const active = await this.experiments.active();
    if (!active) return null;
    if (request.visitor && !(await this.holdsHaltToken(active.id, request.visitor.haltToken))) {
      throw new ChaosError(
        'CHAOS.NOT_YOURS',
        `Only the browser that started this experiment (or an operator) may halt it; it ends by itself at ${active.deadlineAt}`,
      );
    }
    this.visitors.forget(active.id);
    if (active.state === 'running') await this.revert(active);
    await this.experiments.finish(active.id, 'aborted', [], aborted('halted: the fault was reverted at once, before a verdict'));
    return this.experiments.get(active.id);
  }

  /** The visitors' budget as it stands for `client` (a visitor's digest from the edge). */
  async budgetFor(client: string | null) {
    return this.budget.view(await this.experiments.budgetFacts(client, this.budget.settings.clientWindowMinutes));
  }

  private async holdsHaltToken(id: string, token: string | undefined): Promise<boolean> {
    const stored = await this.experiments.haltTokenSha256(id);
    if (!stored || !token) return false;
    return timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(sha256(token), 'hex'));
  }

  /** Reverts every fault past its deadline; answers the running fault's deadline, if one runs. */
  private async reap(): Promise<number | null> {
    for (const experiment of await this.experiments.overdue()) {
      if (this.ending.has(experiment.id) || this.injecting.has(experiment.id)) continue;
      this.ending.add(experiment.id);
      this.endFault(experiment)
        .catch((error: unknown) => {
          this.logger.error(`revert of ${experiment.id} failed, retrying: ${error}`);
          this.reaper.wakeAt(Date.now() + RETRY_REVERT_MS);
        })
        .finally(() => this.ending.delete(experiment.id));
    }
    const active = await this.experiments.active();
    return active?.state === 'running' && !this.ending.has(active.id) ? Date.parse(active.deadlineAt) : null;
  }

  private async endFault(experiment: Experiment): Promise<void> {
    await this.revert(experiment);
    if (await this.experiments.markReverted(experiment.id)) void this.judge.judge(experiment.id);
  }

  /** Reverts are idempotent, so retrying one that half-worked is safe. */
  private async revert(experiment: Experiment): Promise<void> {
    const fault = this.faultFor(experiment.kind);
    for (let attempt = 1; ; attempt++) {
      try {
        await fault.revert(experiment.target);
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        this.logger.warn(`revert of ${experiment.kind} on ${experiment.target} failed (attempt ${attempt}): ${error}`);
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private faultFor(kind: ExperimentKind): Fault {
    const fault = this.faults.get(kind);
    if (!fault) throw new ChaosError('CHAOS.UNKNOWN_KIND', `no fault for ${kind}`);
    return fault;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function aborted(summary: string): Verdict {
  return { passed: false, summary, timeToRecoverMs: null, checkoutsAffected: 0, invariantsFailed: [] };
}
