import { startLoad, type LoadReport, type LoadRun } from '@checkout/load-generator';
import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import { Injectable, Logger } from '@nestjs/common';
import type { OnDemand } from './load-demand';

export interface LiveLoadOptions {
  readonly orchestratorUrl: string;
  readonly amqpUrl: string;
  readonly perSecond: number;
}

/** One generator run is bounded (the library insists); the live load chains them. */
const RUN_MS = 30 * 60_000;

/**
 * The shared live load: paying customers buying the Demo Widget at a steady rate while someone
 * watches the chaos page or an experiment runs (LoadDemand starts and stops it), so an
 * experiment always has traffic to hurt and the plots have something to show. Never started
 * by a visitor's request, only by the demand.
 */
@Injectable()
export class LiveLoad implements OnDemand {
  private readonly logger = new Logger('LiveLoad');
  private run?: LoadRun;
  private running = false;
  /** Totals of the runs already finished, so counts keep rising across runs. */
  private carried = { completed: 0, cancelled: 0, failed: 0, failedRequests: 0, shed: 0 };

  constructor(private readonly options: LiveLoadOptions) {}

  start(): void {
    if (this.running || this.options.perSecond <= 0) return;
    this.running = true;
    this.next();
  }

  /** Ends the current run (its checkouts in flight are drained, then counted). */
  async stop(): Promise<void> {
    this.running = false;
    await this.run?.stop().catch(() => undefined);
  }

  /**
   * Resolves once the current run has had a checkout accepted, or after `timeoutMs`: an
   * experiment that started the load waits for traffic to hurt. Reads the run's own counts, a
   * few times a second, only for that bounded wait.
   */
  async flowing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running && (this.run?.snapshot().accepted ?? 0) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  get perSecond(): number {
    return this.options.perSecond;
  }

  /** Totals since the agent started, and the current run's latencies. */
  snapshot(): { completed: number; cancelled: number; failed: number; failedRequests: number; shed: number; inFlight: number; p95Ms: number | null } {
    const current: LoadReport | undefined = this.run?.snapshot();
    return {
      completed: this.carried.completed + (current?.completed ?? 0),
      cancelled: this.carried.cancelled + (current?.cancelled ?? 0),
      failed: this.carried.failed + (current?.failed ?? 0),
      failedRequests: this.carried.failedRequests + (current?.failedRequests ?? 0),
      shed: this.carried.shed + (current?.shed ?? 0),
      inFlight: current?.inFlight ?? 0,
      p95Ms: current?.latencyMs.postToEnd.p95 ?? null,
    };
  }

  private next(): void {
    if (!this.running || this.run) return;
    const run = startLoad({
      orchestratorUrl: this.options.orchestratorUrl,
      amqpUrl: this.options.amqpUrl,
      arrivals: { kind: 'open', perSecond: this.options.perSecond },
      orders: [{ sku: 'DEMO-WIDGET', qty: 1, paymentMethod: SANDBOX_PAYMENT_METHODS.pays, weight: 1 }],
      maxCheckouts: 10_000_000,
      maxDurationMs: RUN_MS,
      drainMs: 5_000,
    });
    this.run = run;
    run.done
      .then((report) => {
        for (const key of Object.keys(this.carried) as (keyof typeof this.carried)[]) this.carried[key] += report[key];
      })
      .catch((error: unknown) => this.logger.warn(`live load run ended: ${error}`))
      .finally(() => {
        this.run = undefined;
        // A run ends at RUN_MS, or when stopped: the next one follows only while the load is wanted.
        if (this.running) setTimeout(() => this.next(), 1000);
      });
  }
}
