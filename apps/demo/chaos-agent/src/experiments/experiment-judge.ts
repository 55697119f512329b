import { InvariantChecker } from '@checkout/invariants';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CHAOS_CONFIG, type ChaosAgentConfig } from '../chaos-agent.config';
import { RotationChecks } from '../faults/rotation.checks';
import { ServiceProbe } from '../observation/service-probe';
import { Timeline } from '../observation/timeline';
import { SITE_REACHABLE, VisitorsView } from '../observation/visitors-view';
import type { Experiment, Verdict, VerdictCheck } from './experiment.record';
import { ExperimentRepository } from './experiment.repository';

const POLL_MS = 500;
const AUDIT_RETRY_MS = 2000;

/**
 * Tests the hypothesis once a fault is reverted: the cluster recovers (every service ready),
 * every checkout started during the fault ends, the invariant checker finds nothing, all
 * within the recovery bound, and visitors kept the site (VisitorsView). The verdict carries the
 * evidence for each.
 */
@Injectable()
export class ExperimentJudge {
  private readonly logger = new Logger('ExperimentJudge');

  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly probe: ServiceProbe,
    private readonly audit: InvariantChecker,
    private readonly timeline: Timeline,
    private readonly rotation: RotationChecks,
    private readonly visitors: VisitorsView,
    @Inject(CHAOS_CONFIG) private readonly config: Pick<ChaosAgentConfig, 'CHAOS_RECOVERY_SECONDS'>,
  ) {}

  /** Which services are ready now: the steady state's first condition. */
  steadyState(): Promise<Record<string, boolean>> {
    return this.probe.readiness();
  }

  async judge(id: string): Promise<void> {
    this.visitors.faultEnded(id);
    try {
      const experiment = await this.experiments.get(id);
      const { checks, verdict } = await this.observeRecovery(experiment);
      await this.experiments.finish(id, 'finished', checks, verdict);
      this.logger.log(`${experiment.kind} on ${experiment.target}: ${verdict.passed ? 'passed' : 'FAILED'} (${verdict.summary})`);
    } catch (error) {
      this.logger.error(`judging ${id} failed: ${error}`);
      this.visitors.forget(id);
      const checks = [{ name: 'verdict', passed: false, detail: 'the agent could not complete the checks' }];
      await this.experiments
        .finish(id, 'aborted', checks, { passed: false, summary: 'no verdict: the checks could not run', timeToRecoverMs: null, checkoutsAffected: 0, invariantsFailed: [] })
        .catch(() => undefined);
    }
  }

  private async observeRecovery(experiment: Experiment): Promise<{ checks: VerdictCheck[]; verdict: Verdict }> {
    const startedAt = new Date(experiment.startedAt);
    const revertedAt = new Date(experiment.revertedAt ?? Date.now());
    const boundMs = this.config.CHAOS_RECOVERY_SECONDS * 1000;
    const deadline = revertedAt.getTime() + boundMs;

    const recovered = await until(deadline, () => this.probe.allReady());
    const timeToRecoverMs = recovered ? Math.max(0, Date.now() - revertedAt.getTime()) : null;
    if (recovered) await this.experiments.markRecovered(experiment.id);
    const affected = await this.settle(startedAt, revertedAt, deadline);
    const report = await this.auditUntilConsistent(revertedAt, boundMs, deadline);
    const failed = report.results.filter((result) => result.status === 'failed');

    const readyBefore = (experiment.evidence['readyBefore'] ?? {}) as Record<string, boolean>;
    const notReadyBefore = Object.entries(readyBefore).filter(([, up]) => !up).map(([name]) => name);
    // What the fault did is evidence, not a check: a kill the supervisor undid within a second
    // may never be seen by a once-a-second probe, and that is not a failure of the hypothesis.
    await this.experiments.addEvidence(experiment.id, { notReadyDuring: this.servicesDownBetween(startedAt.getTime(), revertedAt.getTime()) });
    const checks: VerdictCheck[] = [
      {
        name: 'steady state before',
        passed: notReadyBefore.length === 0,
        detail: notReadyBefore.length ? `not ready before the fault: ${notReadyBefore.join(', ')}` : 'every service ready',
      },
      {
        name: 'recovered',
        passed: timeToRecoverMs !== null,
        detail:
          timeToRecoverMs !== null
            ? `every service ready ${(timeToRecoverMs / 1000).toFixed(1)} s after the fault ended`
            : `not every service ready within ${boundMs / 1000} s`,
      },
      {
        name: 'checkouts started during the fault ended',
        passed: affected.terminal === affected.total,
        detail: `${affected.terminal} of ${affected.total} ended within ${boundMs / 1000} s of the fault`,
      },
      {
        name: 'invariants',
        passed: failed.length === 0,
        detail: failed.length ? failed.map((result) => `${result.name}: ${result.examples[0]?.subject ?? ''} ${result.examples[0]?.detail ?? ''}`).join('; ') : 'all hold',
      },
      ...(await this.rotation.checks(experiment, deadline)),
      ...(await this.visitors.checks(experiment.id, deadline, boundMs / 1000)),
    ];
    const passed = checks.every((check) => check.passed);
    const verdict: Verdict = {
      passed,
      summary: passed ? 'the hypothesis held' : failedSummary(checks),
      timeToRecoverMs,
      checkoutsAffected: affected.total,
      invariantsFailed: failed.map((result) => result.name),
    };
    return { checks, verdict };
  }

  /**
   * The invariants must hold once the cluster has caught up, not the instant the fault ends:
   * a sale committed from a retry queue lands seconds later. So the audit repeats until it
   * passes or the recovery bound is spent, and the last report is the evidence.
   */
  private async auditUntilConsistent(revertedAt: Date, boundMs: number, deadline: number) {
    const poisonInjected = await this.experiments.poisonInjected();
    for (;;) {
      const report = await this.retrying(deadline, () => this.audit.check({ lastFaultEndedAt: revertedAt, terminalWithinMs: boundMs, poisonInjected }));
      if (report.passed || Date.now() >= deadline) return report;
      await sleep(AUDIT_RETRY_MS);
    }
  }

  /** Waits (up to the deadline) for every checkout started during the fault to end. */
  private async settle(from: Date, to: Date, deadline: number): Promise<{ total: number; terminal: number }> {
    for (;;) {
      const counts = await this.retrying(deadline, () => this.audit.checkoutsStartedBetween(from, to));
      if (counts.terminal >= counts.total || Date.now() >= deadline) return counts;
      await sleep(POLL_MS);
    }
  }

  /**
   * A fault can leave Postgres briefly short of connections (every service reconnecting at
   * once): an audit query that fails is asked again until the deadline, and only then fails.
   */
  private async retrying<T>(deadline: number, query: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await query();
      } catch (error) {
        if (Date.now() >= deadline) throw error;
        this.logger.warn(`audit query failed, retrying: ${error}`);
        await sleep(AUDIT_RETRY_MS);
      }
    }
  }

  private servicesDownBetween(from: number, to: number): string[] {
    const down = new Set<string>();
    for (const sample of this.timeline.since(from)) {
      if (sample.at > to + 1000) break;
      for (const [name, up] of Object.entries(sample.up)) if (!up) down.add(name);
    }
    return [...down];
  }
}

/** Names what failed; a site taken away is said with the seconds it was gone. */
function failedSummary(checks: readonly VerdictCheck[]): string {
  const failed = checks.filter((check) => !check.passed);
  const siteGone = failed.find((check) => check.name === SITE_REACHABLE);
  return `failed: ${failed.map((check) => check.name).join(', ')}${siteGone ? ` (${siteGone.detail})` : ''}`;
}

async function until(deadline: number, probe: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
