import { Inject, Injectable } from '@nestjs/common';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';

interface HistoryStep {
  from: string | null;
  to: string;
  messageId: string;
}

const ATTEMPTS = 15;
const PAUSE_MS = 150;

/**
 * Finds the state transition a message caused, from the orchestrator's own history (each
 * step records the id of the message that caused it). The message may still be on its way
 * when the bridge sees it, so this asks a few times before concluding it caused none.
 */
@Injectable()
export class TransitionLookup {
  constructor(@Inject(BFF_CONFIG) private readonly config: BffConfig) {}

  async causedBy(checkoutId: string, messageId: string): Promise<{ from: string | null; to: string } | null> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const step = (await this.history(checkoutId)).find((candidate) => candidate.messageId === messageId);
      if (step) return { from: step.from, to: step.to };
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    return null;
  }

  private async history(checkoutId: string): Promise<HistoryStep[]> {
    try {
      const response = await fetch(`${this.config.ORCHESTRATOR_URL}/api/checkouts/${checkoutId}`, { signal: AbortSignal.timeout(2000) });
      if (!response.ok) return [];
      return ((await response.json()) as { history: HistoryStep[] }).history;
    } catch {
      return [];
    }
  }
}
