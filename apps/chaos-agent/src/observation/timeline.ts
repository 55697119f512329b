import type { TimelineSample } from '@checkout/contracts/views';
import { InvariantChecker } from '@checkout/invariants';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LiveLoad } from '../live-load/live-load.service';
import { QueueDepths } from './queue-depths';
import { ServiceProbe } from './service-probe';

const KEEP = 300;
const EVERY_MS = 1000;

/**
 * The last five minutes, one sample a second, kept in memory: what the page draws, and what
 * a verdict's "during" reads. Sampling runs on its own timer, so a slow probe never stacks.
 */
@Injectable()
export class Timeline implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Timeline');
  private readonly samples: TimelineSample[] = [];
  private timer?: NodeJS.Timeout;
  private previous?: { at: number; completed: number; failedRequests: number };

  constructor(
    private readonly probe: ServiceProbe,
    private readonly load: LiveLoad,
    private readonly audit: InvariantChecker,
    private readonly queues: QueueDepths,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      this.sample()
        .catch((error: unknown) => this.logger.warn(`sample failed: ${error}`))
        .finally(() => (this.timer = setTimeout(tick, EVERY_MS)));
    };
    tick();
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  since(at: number): TimelineSample[] {
    return this.samples.filter((sample) => sample.at >= at);
  }

  all(): readonly TimelineSample[] {
    return this.samples;
  }

  private async sample(): Promise<void> {
    const [up, outbox, depths] = await Promise.all([
      this.probe.readiness(),
      this.audit.outboxBacklog().catch(() => ({})),
      this.queues.read(),
    ]);
    const now = Date.now();
    const load = this.load.snapshot();
    const previous = this.previous ?? { at: now - EVERY_MS, completed: load.completed, failedRequests: load.failedRequests };
    const seconds = Math.max(0.001, (now - previous.at) / 1000);
    this.samples.push({
      at: now,
      up,
      completedPerSecond: Math.round(((load.completed - previous.completed) / seconds) * 10) / 10,
      inFlight: load.inFlight,
      p95Ms: load.p95Ms,
      failedRequests: load.failedRequests - previous.failedRequests,
      outbox,
      queues: depths.queues,
      deadLetters: depths.deadLetters,
    });
    this.previous = { at: now, completed: load.completed, failedRequests: load.failedRequests };
    if (this.samples.length > KEEP) this.samples.shift();
  }
}
