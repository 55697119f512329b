import type { TimelineSample } from '@checkout/contracts/views';
import { InvariantChecker } from '@checkout/invariants';
import { PollingLoop } from '@checkout/platform';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { OnDemand } from '../live-load/load-demand';
import { LiveLoad } from '../live-load/live-load.service';
import { QueueDepths } from './queue-depths';
import { ServiceProbe } from './service-probe';

const KEEP = 300;
const EVERY_MS = 1000;

/**
 * The last five minutes, one sample a second, kept in memory: what the page draws, and what
 * a verdict's "during" reads. Sampling runs on its own loop, the next a second after the last
 * ended, so a slow probe never stacks, and only while someone needs it (LoadDemand): with
 * nobody watching, the agent probes nothing.
 */
@Injectable()
export class Timeline implements OnDemand, OnApplicationShutdown {
  private readonly samples: TimelineSample[] = [];
  private readonly listeners = new Set<(sample: TimelineSample) => void>();
  private readonly sampling: PollingLoop;
  private started = false;
  private previous?: { at: number; completed: number; failedRequests: number };

  constructor(
    private readonly probe: ServiceProbe,
    private readonly load: LiveLoad,
    private readonly audit: InvariantChecker,
    private readonly queues: QueueDepths,
  ) {
    // A failed sample is logged by the loop and the next follows a second later, as ever.
    this.sampling = new PollingLoop(() => this.sample().then(() => false), { name: 'Timeline', intervalMs: EVERY_MS, errorBackoffMs: EVERY_MS });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    // A gap in sampling is not a second of nothing completed: rates restart from the next sample.
    this.previous = undefined;
    this.sampling.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.sampling.stop();
    await this.queues.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Called with each new sample; returns the unsubscribe. */
  onSample(listener: (sample: TimelineSample) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    const sample: TimelineSample = {
      at: now,
      up,
      completedPerSecond: Math.round(((load.completed - previous.completed) / seconds) * 10) / 10,
      inFlight: load.inFlight,
      p95Ms: load.p95Ms,
      failedRequests: load.failedRequests - previous.failedRequests,
      outbox,
      queues: depths.queues,
      deadLetters: depths.deadLetters,
    };
    this.samples.push(sample);
    for (const listener of this.listeners) listener(sample);
    this.previous = { at: now, completed: load.completed, failedRequests: load.failedRequests };
    if (this.samples.length > KEEP) this.samples.shift();
  }
}
