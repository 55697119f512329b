import { Injectable } from '@nestjs/common';
import { DemoService } from '../demo/demo.service';

const ATTEMPTS = 15;
const PAUSE_MS = 150;

/**
 * Finds the state transition a message caused, from the orchestrator's own history (each
 * step records the id of the message that caused it). The message may still be on its way
 * when the bridge sees it, so this asks a few times before concluding it caused none.
 */
@Injectable()
export class TransitionLookup {
  constructor(private readonly demo: DemoService) {}

  async causedBy(checkoutId: string, messageId: string): Promise<{ from: string | null; to: string } | null> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const step = (await this.history(checkoutId)).find((candidate) => candidate.messageId === messageId);
      if (step) return { from: step.from, to: step.to };
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    return null;
  }

  private async history(checkoutId: string) {
    // Not there yet, or the orchestrator is briefly away: ask again on the next attempt.
    const view = await this.demo.checkout(checkoutId).catch(() => undefined);
    return view?.history ?? [];
  }
}
