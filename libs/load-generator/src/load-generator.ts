import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { dueArrivals } from './arrival-schedule';
import { CheckoutPoster, type PostOutcome } from './checkout-poster';
import { LatencyRecorder } from './latency-recorder';
import { type LoadOptions, LoadOptionsSchema, type OrderSpec, type ResolvedLoadOptions } from './load-options';
import type { LoadReport } from './load-report';
import { OrderMix } from './order-mix';
import { type CheckoutEnd, TerminalEventFeed } from './terminal-event-feed';

const OPEN_LOOP_TICK_MS = 5;
/** A failed POST is sent again this many times, with the same Idempotency-Key. */
const POST_RETRIES = 3;
/** An end seen before its POST's answer (possible when the answer is slow) is kept this long. */
const EARLY_END_TTL_MS = 30_000;

interface Followed {
  postedAt: number;
  settle: () => void;
}

export interface LoadHooks {
  /** Called every `progressEveryMs` with a snapshot. */
  onProgress?: (snapshot: LoadReport) => void;
}

/**
 * A bounded run of checkouts against the orchestrator's public API. Start one with `startLoad`;
 * it stops by itself at `maxCheckouts` or `maxDurationMs`, or when `stop()` is called, then
 * follows what is still in flight for up to `drainMs` and resolves `done` with the report.
 */
export class LoadRun {
  /** Resolves with the final report once arrivals stopped and in-flight checkouts drained. */
  readonly done: Promise<LoadReport>;
  private readonly options: ResolvedLoadOptions;
  private readonly poster: CheckoutPoster;
  private readonly feed: TerminalEventFeed;
  private readonly mix: OrderMix;
  private readonly followed = new Map<string, Followed>();
  private readonly earlyEnds = new Map<string, { end: CheckoutEnd; at: number }>();
  private readonly latency = { postResponse: new LatencyRecorder(), postToCompleted: new LatencyRecorder(), postToEnd: new LatencyRecorder() };
  private readonly counts = { started: 0, accepted: 0, shed: 0, failedRequests: 0, retriedRequests: 0, notSent: 0, completed: 0, cancelled: 0, failed: 0 };
  private readonly startedAt = performance.now();
  private pendingPosts = 0;
  private lastFailure: string | null = null;
  private arriving = true;
  private stopArrivals!: () => void;
  private readonly arrivalsStopped = new Promise<void>((resolve) => (this.stopArrivals = resolve));
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(options: LoadOptions, hooks: LoadHooks = {}) {
    this.options = LoadOptionsSchema.parse(options);
    const { arrivals } = this.options;
    const sockets = arrivals.kind === 'closed' ? arrivals.inFlight : Math.min(this.options.maxPendingPosts, 512);
    this.poster = new CheckoutPoster(this.options.orchestratorUrl, sockets, this.options.requestTimeoutMs);
    this.feed = new TerminalEventFeed(this.options.amqpUrl, this.options.exchange, (id, end) => this.ended(id, end));
    this.mix = new OrderMix(this.options.orders);
    if (hooks.onProgress) {
      const report = hooks.onProgress;
      this.timers.push(setInterval(() => report(this.snapshot()), this.options.progressEveryMs));
    }
    this.done = this.run();
  }

  /** Stops starting checkouts now; resolves with the report once in-flight ones drained. */
  stop(): Promise<LoadReport> {
    this.endArrivals();
    return this.done;
  }

  snapshot(): LoadReport {
    return {
      ...this.counts,
      lastFailure: this.lastFailure,
      inFlight: this.followed.size,
      elapsedMs: Math.round(performance.now() - this.startedAt),
      latencyMs: {
        postResponse: this.latency.postResponse.percentiles(),
        postToCompleted: this.latency.postToCompleted.percentiles(),
        postToEnd: this.latency.postToEnd.percentiles(),
      },
    };
  }

  private async run(): Promise<LoadReport> {
    try {
      await this.feed.ready();
      this.timers.push(setTimeout(() => this.endArrivals(), this.options.maxDurationMs));
      const arrivals = this.options.arrivals;
      const arriving = arrivals.kind === 'closed' ? this.closedLoop(arrivals.inFlight, arrivals.rampMs) : this.openLoop(arrivals.perSecond);
      await Promise.race([arriving, this.arrivalsStopped]);
      this.endArrivals();
      await this.drain();
      return this.snapshot();
    } finally {
      for (const timer of this.timers) clearTimeout(timer);
      this.poster.close();
      await this.feed.close();
    }
  }

  private endArrivals(): void {
    this.arriving = false;
    this.stopArrivals();
  }

  private mayStart(): boolean {
    const { maxCheckouts, maxAccepted } = this.options;
    const acceptedOrPending = this.counts.accepted + this.pendingPosts;
    return this.arriving && this.counts.started < maxCheckouts && (maxAccepted === undefined || acceptedOrPending < maxAccepted);
  }

  /**
   * Slot i joins after i/inFlight of the ramp. A closed loop whose slots all arrive at once is
   * a burst: the admission refuses most of it and, the refusals being many to one, asks them to
   * come back after several seconds; the loop then measures the few slots admitted, not what the
   * cluster can complete.
   */
  private async closedLoop(inFlight: number, rampMs: number): Promise<void> {
    const slot = async (index: number) => {
      if (rampMs > 0 && index > 0) await Promise.race([sleep((index * rampMs) / inFlight), this.arrivalsStopped]);
      while (this.mayStart()) {
        const started = await this.startOne();
        if (started.kind === 'accepted') await Promise.race([started.ended, sleep(this.options.followTimeoutMs)]);
        else await sleep(started.pauseMs);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, (_, index) => slot(index)));
  }

  private openLoop(perSecond: number): Promise<void> {
    const from = performance.now();
    return new Promise((resolve) => {
      const tick = () => {
        if (!this.mayStart()) {
          clearInterval(ticker);
          return resolve();
        }
        const due = dueArrivals(performance.now() - from, perSecond, this.counts.started + this.counts.notSent);
        for (let i = 0; i < due && this.mayStart(); i++) {
          if (this.pendingPosts >= this.options.maxPendingPosts) this.counts.notSent++;
          else void this.startOne();
        }
      };
      const ticker = setInterval(tick, OPEN_LOOP_TICK_MS);
      this.timers.push(ticker);
      tick();
    });
  }

  /**
   * Sends one checkout; resolves with a promise of its end when accepted, else with how long
   * a closed-loop slot should wait before it tries again: a shed request waits the Retry-After
   * the orchestrator asked for (plus a little jitter, so slots shed together do not return
   * together). Coming back sooner would only be shed again, and would measure the cost of
   * refusing requests rather than of completing checkouts.
   */
  private async startOne(): Promise<{ kind: 'accepted'; ended: Promise<void> } | { kind: 'refused'; pauseMs: number }> {
    this.counts.started++;
    this.pendingPosts++;
    const postedAt = performance.now();
    const outcome = await this.postWithRetries(this.mix.next(), randomUUID());
    this.pendingPosts--;
    this.latency.postResponse.record(performance.now() - postedAt);
    if (outcome.kind === 'shed') this.counts.shed++;
    if (outcome.kind === 'failed') {
      this.counts.failedRequests++;
      this.lastFailure = outcome.reason;
    }
    if (outcome.kind !== 'accepted') return { kind: 'refused', pauseMs: this.pauseAfter(outcome) };
    this.counts.accepted++;
    const ended = new Promise<void>((settle) => this.followed.set(outcome.checkoutId, { postedAt, settle }));
    const early = this.earlyEnds.get(outcome.checkoutId);
    if (early) {
      this.earlyEnds.delete(outcome.checkoutId);
      this.ended(outcome.checkoutId, early.end, early.at);
    }
    return { kind: 'accepted', ended };
  }

  private pauseAfter(outcome: Exclude<PostOutcome, { kind: 'accepted' }>): number {
    const { retryPauseMs } = this.options;
    if (outcome.kind !== 'shed' || outcome.retryAfterSeconds === null) return retryPauseMs;
    return outcome.retryAfterSeconds * 1000 + Math.random() * retryPauseMs;
  }

  /**
   * A request that failed (connection reset, timeout, 5xx) may still have started its checkout:
   * only its answer was lost. Sending it again with the same Idempotency-Key gets that same
   * checkout back instead of starting a second one, so every checkout started is followed.
   */
  private async postWithRetries(order: OrderSpec, idempotencyKey: string): Promise<PostOutcome> {
    let outcome = await this.poster.post(order, idempotencyKey);
    for (let retry = 0; outcome.kind === 'failed' && retry < POST_RETRIES; retry++) {
      this.counts.retriedRequests++;
      await sleep(this.options.retryPauseMs);
      outcome = await this.poster.post(order, idempotencyKey);
    }
    return outcome;
  }

  private ended(checkoutId: string, end: CheckoutEnd, at = performance.now()): void {
    const followed = this.followed.get(checkoutId);
    if (!followed) {
      // Another client's checkout, or ours whose POST answer is still on its way.
      if (this.pendingPosts > 0) this.rememberEarly(checkoutId, end, at);
      return;
    }
    this.followed.delete(checkoutId);
    const ms = at - followed.postedAt;
    this.latency.postToEnd.record(ms);
    if (end === 'Completed') this.latency.postToCompleted.record(ms);
    this.counts[end === 'Completed' ? 'completed' : end === 'Cancelled' ? 'cancelled' : 'failed']++;
    followed.settle();
  }

  private rememberEarly(checkoutId: string, end: CheckoutEnd, at: number): void {
    this.earlyEnds.set(checkoutId, { end, at });
    for (const [id, early] of this.earlyEnds) {
      if (at - early.at < EARLY_END_TTL_MS) break; // insertion order: the rest are younger
      this.earlyEnds.delete(id);
    }
  }

  private async drain(): Promise<void> {
    const deadline = performance.now() + this.options.drainMs;
    while ((this.followed.size > 0 || this.pendingPosts > 0) && performance.now() < deadline) await sleep(20);
  }
}

/** Starts a bounded load run (see `LoadOptions`); `await run.done` or `await run.stop()`. */
export function startLoad(options: LoadOptions, hooks?: LoadHooks): LoadRun {
  return new LoadRun(options, hooks);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
