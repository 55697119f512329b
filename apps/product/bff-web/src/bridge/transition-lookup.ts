import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { callUpstream } from '../demo/upstream';

/** How often the pending lookups are asked for, and for how many passes before giving up. */
const PASS_MS = 150;
const PASSES = 15;
/** The orchestrator answers at most this many checkouts per request. */
const CHECKOUTS_PER_REQUEST = 200;

type Transition = { from: string | null; to: string };
interface CausedTransition extends Transition {
  checkoutId: string;
  messageId: string;
}
interface Pending {
  checkoutId: string;
  passesLeft: number;
  resolve: (transition: Transition | null) => void;
}

/**
 * Finds the state transition a message caused, from the orchestrator's own history (each
 * step records the id of the message that caused it). The message may still be on its way
 * when the bridge sees it, so a lookup waits a few passes before concluding it caused none.
 * Lookups are batched: every pass asks once for all the checkouts still pending, so the
 * requests made grow with time, not with the number of messages bridged.
 */
@Injectable()
export class TransitionLookup implements OnApplicationShutdown {
  private readonly pending = new Map<string, Pending>();
  private timer?: NodeJS.Timeout;

  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  causedBy(checkoutId: string, messageId: string): Promise<Transition | null> {
    return new Promise((resolve) => {
      this.pending.get(messageId)?.resolve(null); // the same message bridged twice: the newer asks
      this.pending.set(messageId, { checkoutId, passesLeft: PASSES, resolve });
      this.timer ??= setTimeout(() => void this.pass(), PASS_MS);
    });
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    for (const lookup of this.pending.values()) lookup.resolve(null);
    this.pending.clear();
  }

  private async pass(): Promise<void> {
    const found = await this.transitionsOf([...new Set([...this.pending.values()].map((lookup) => lookup.checkoutId))]);
    for (const [messageId, lookup] of this.pending) {
      const step = found.get(messageId);
      if (step || --lookup.passesLeft <= 0) {
        this.pending.delete(messageId);
        lookup.resolve(step ? { from: step.from, to: step.to } : null);
      }
    }
    this.timer = this.pending.size > 0 ? setTimeout(() => void this.pass(), PASS_MS) : undefined;
  }

  /** By causing message id. The orchestrator briefly away: nothing found on this pass. */
  private async transitionsOf(checkoutIds: string[]): Promise<Map<string, CausedTransition>> {
    const found = new Map<string, CausedTransition>();
    for (let i = 0; i < checkoutIds.length; i += CHECKOUTS_PER_REQUEST) {
      const ids = checkoutIds.slice(i, i + CHECKOUTS_PER_REQUEST).join(',');
      const url = `${this.config.ORCHESTRATOR_URL}/api/checkouts/transitions?checkoutIds=${ids}`;
      const steps = await callUpstream<CausedTransition[]>('checkout service', url).then(({ body }) => body, () => []);
      for (const step of steps) found.set(step.messageId, step);
    }
    return found;
  }
}
