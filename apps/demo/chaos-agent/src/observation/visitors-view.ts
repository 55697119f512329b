import { PollingLoop } from '@checkout/platform';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CHAOS_CONFIG, type ChaosAgentConfig } from '../chaos-agent.config';
import type { VerdictCheck } from '../experiments/experiment.record';

const EVERY_MS = 1000;
/** One visitor's purchase every this many probes while the fault is on: a trickle, not load. */
const BUY_EVERY = 5;
const TIMEOUT_MS = 2000;
const POLL_MS = 1000;

type Answer = 'up' | 'degraded' | 'down';

/** The check a fault that takes the site away fails; the verdict's summary quotes its detail. */
export const SITE_REACHABLE = 'the site stayed reachable';

interface Watch {
  /** One probe a second, the next a second after the last ended, until forgotten. */
  probing?: PollingLoop;
  buying: boolean;
  ticks: number;
  lastAt: number;
  lastAnswer: Answer;
  downMs: number;
  degradedMs: number;
  checkouts: string[];
  startsRefused: number;
}

/**
 * The experiment as a visitor sees it, from outside the edge: once a second the public page
 * and the shop's order are asked for, and while the fault is on a visitor buys now and then.
 * A stored verdict speaks of stock and money; this speaks of whether anyone could use the site.
 *
 * The shop answering 503 with Retry-After (a service behind the edge is away, and the page says
 * so) is "degraded" and is reported; no answer at all, or an error page, is "unreachable" and
 * fails the verdict with the seconds it lasted. Kept in memory: an agent restarted mid-experiment
 * says it did not observe, rather than guess.
 */
@Injectable()
export class VisitorsView implements OnApplicationShutdown {
  private readonly watches = new Map<string, Watch>();
  private readonly site: string;

  constructor(@Inject(CHAOS_CONFIG) config: Pick<ChaosAgentConfig, 'CHAOS_PUBLIC_URL'>) {
    this.site = config.CHAOS_PUBLIC_URL;
  }

  /** Starts watching `id` (from just before its fault is injected). */
  watch(id: string): void {
    const watch: Watch = { buying: true, ticks: 0, lastAt: Date.now(), lastAnswer: 'up', downMs: 0, degradedMs: 0, checkouts: [], startsRefused: 0 };
    this.watches.set(id, watch);
    watch.probing = new PollingLoop(() => this.probe(watch).then(() => false), { name: 'VisitorsView', intervalMs: EVERY_MS, errorBackoffMs: EVERY_MS });
    watch.probing.start();
  }

  /** The fault is over: no more purchases, but reachability is watched until the verdict. */
  faultEnded(id: string): void {
    const watch = this.watches.get(id);
    if (watch) watch.buying = false;
  }

  /** Stops watching (a halt, or a failed injection). */
  forget(id: string): void {
    const watch = this.watches.get(id);
    if (!watch) return;
    // A probe in flight ends by its own timeout; nothing follows it.
    void watch.probing?.stop();
    this.watches.delete(id);
  }

  /** The visitors' two checks, once the visitors' checkouts have ended or `deadline` has passed. */
  async checks(id: string, deadline: number, boundSeconds: number): Promise<VerdictCheck[]> {
    const watch = this.watches.get(id);
    if (!watch) {
      const detail = 'not observed: the agent restarted during the experiment';
      return [
        { name: SITE_REACHABLE, passed: false, detail },
        { name: 'visitors’ checkouts ended', passed: false, detail },
      ];
    }
    const ended = await this.endedBy(watch.checkouts, deadline);
    this.forget(id);
    this.account(watch, Date.now());
    const downSeconds = Math.round(watch.downMs / 1000);
    const degradedSeconds = Math.round(watch.degradedMs / 1000);
    const degraded = degradedSeconds > 0 ? `; the shop said "try again shortly" for ${degradedSeconds} s` : '';
    const refused = watch.startsRefused > 0 ? ` (${watch.startsRefused} purchases were refused with "try again")` : '';
    return [
      {
        name: SITE_REACHABLE,
        passed: watch.downMs === 0,
        detail: (watch.downMs === 0 ? 'the public page and the shop answered throughout' : `the site was unreachable for ${Math.max(1, downSeconds)} s`) + degraded,
      },
      {
        name: 'visitors’ checkouts ended',
        passed: ended === watch.checkouts.length,
        detail: `${ended} of ${watch.checkouts.length} checkouts started through the edge during the fault ended within ${boundSeconds} s of recovery${refused}`,
      },
    ];
  }

  onApplicationShutdown(): void {
    for (const id of [...this.watches.keys()]) this.forget(id);
  }

  private async probe(watch: Watch): Promise<void> {
    watch.ticks++;
    const buy = watch.buying && watch.ticks % BUY_EVERY === 1 ? this.buy(watch) : Promise.resolve();
    const [page, shop] = await Promise.all([this.answer('/'), this.answer('/api/demo/order'), buy]);
    this.account(watch, Date.now());
    watch.lastAnswer = page === 'down' || shop === 'down' ? 'down' : shop;
  }

  /** Adds the time since the last probe to what that probe saw. */
  private account(watch: Watch, now: number): void {
    if (watch.lastAnswer === 'down') watch.downMs += now - watch.lastAt;
    if (watch.lastAnswer === 'degraded') watch.degradedMs += now - watch.lastAt;
    watch.lastAt = now;
  }

  private async answer(path: string): Promise<Answer> {
    try {
      const response = await fetch(`${this.site}${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      await response.body?.cancel();
      if (response.ok || response.status === 429) return 'up';
      return response.status === 503 && response.headers.has('retry-after') ? 'degraded' : 'down';
    } catch {
      return 'down';
    }
  }

  private async buy(watch: Watch): Promise<void> {
    try {
      const response = await fetch(`${this.site}/api/demo/saga/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ scenario: 'happy' }),
        signal: AbortSignal.timeout(TIMEOUT_MS * 3),
      });
      const body = (await response.json().catch(() => ({}))) as { checkoutId?: string };
      if (response.status === 202 && body.checkoutId) watch.checkouts.push(body.checkoutId);
      else watch.startsRefused++;
    } catch {
      watch.startsRefused++;
    }
  }

  private async endedBy(checkouts: readonly string[], deadline: number): Promise<number> {
    const pending = new Set(checkouts);
    for (;;) {
      for (const id of [...pending]) if (await this.hasEnded(id)) pending.delete(id);
      if (pending.size === 0 || Date.now() >= deadline) return checkouts.length - pending.size;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async hasEnded(checkoutId: string): Promise<boolean> {
    try {
      const response = await fetch(`${this.site}/api/demo/saga/${checkoutId}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      return response.ok && ((await response.json()) as { final?: boolean }).final === true;
    } catch {
      return false;
    }
  }
}
