import { Inject, Injectable } from '@nestjs/common';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { UpstreamClient } from '../upstream/upstream.client';
import { classify, type ConsoleCheckout, type StateInfo, stuckFirst } from './stuck-order';

/** Per state: enough to see what is wrong without paging through a busy shop's history. */
const PER_STATE = 50;
const SERVICE = 'checkout service';

type Summary = Omit<ConsoleCheckout, 'stuck' | 'resumable'>;

export interface ConsoleCheckouts {
  stuckAfterSeconds: number;
  states: (StateInfo & { count: number })[];
  checkouts: ConsoleCheckout[];
}

/**
 * The console's view of checkouts: the orchestrator's operator list, asked for every state its
 * saga table declares (so a new state shows up here without a change), classified and ordered.
 */
@Injectable()
export class OpsCheckoutsService {
  constructor(
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
    private readonly upstream: UpstreamClient,
  ) {}

  async list(stuckOnly: boolean): Promise<ConsoleCheckouts> {
    const base = this.config.ORCHESTRATOR_URL;
    const { body: definition } = await this.upstream.call<{ states: StateInfo[] }>(SERVICE, `${base}/api/saga-definitions/checkout`);
    const now = Date.now();
    const stuckAfterMs = this.config.OPS_STUCK_AFTER_SECONDS * 1000;
    const perState = await Promise.all(
      definition.states.map(async (state) => {
        const query = new URLSearchParams({ state: state.name, limit: String(PER_STATE) });
        const { body } = await this.upstream.call<Summary[]>(SERVICE, `${base}/api/checkouts?${query}`);
        return body.map((summary) => classify(pick(summary), state, now, stuckAfterMs));
      }),
    );
    const checkouts = perState.flat().filter((checkout) => !stuckOnly || checkout.stuck);
    return {
      stuckAfterSeconds: this.config.OPS_STUCK_AFTER_SECONDS,
      states: definition.states.map((state, i) => ({ name: state.name, final: state.final, attention: state.attention, count: perState[i].length })),
      checkouts: checkouts.sort(stuckFirst),
    };
  }

  /** Resumes a Failed checkout; the orchestrator's 404 and 409 reach the operator as they are. */
  async resume(checkoutId: string): Promise<{ checkoutId: string; state: string }> {
    const url = `${this.config.ORCHESTRATOR_URL}/api/checkouts/${checkoutId}/resume`;
    return (await this.upstream.call<{ checkoutId: string; state: string }>(SERVICE, url, { method: 'POST' })).body;
  }
}

/** Only the fields the console shows: whatever the orchestrator adds later stays inside. */
function pick(summary: Summary): Summary {
  const { checkoutId, state, reason, refunded, total, currency, createdAt, updatedAt } = summary;
  return { checkoutId, state, reason, refunded, total, currency, createdAt, updatedAt };
}
