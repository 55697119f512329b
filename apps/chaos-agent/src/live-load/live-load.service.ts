import { startLoad, type LoadReport, type LoadRun } from '@checkout/load-generator';
import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

export interface LiveLoadOptions {
  readonly orchestratorUrl: string;
  readonly amqpUrl: string;
  readonly perSecond: number;
}

/** One generator run is bounded (the library insists); the live load chains them. */
const RUN_MS = 30 * 60_000;

/**
 * The shared live load: paying customers buying the Demo Widget at a steady rate, whatever
 * page is open and whoever watches, so an experiment always has traffic to hurt and the
 * plots always have something to show. Started by the agent, never by a visitor.
 */
@Injectable()
export class LiveLoad implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveLoad');
  private run?: LoadRun;
  private stopping = false;
  /** Totals of the runs already finished, so counts keep rising across runs. */
  private carried = { completed: 0, cancelled: 0, failed: 0, failedRequests: 0, shed: 0 };

  constructor(private readonly options: LiveLoadOptions) {}

  onApplicationBootstrap(): void {
    if (this.options.perSecond > 0) this.next();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.run?.stop().catch(() => undefined);
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
    if (this.stopping) return;
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
        this.run = undefined;
        for (const key of Object.keys(this.carried) as (keyof typeof this.carried)[]) this.carried[key] += report[key];
      })
      .catch((error: unknown) => this.logger.warn(`live load run ended: ${error}`))
      .finally(() => setTimeout(() => this.next(), 1000));
  }
}
