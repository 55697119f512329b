import type { Scenario } from '../api/edge-api.types';
import { isScenario } from './scenarios';

/**
 * Remembers this tab's last checkout, so a reload picks its story up again: the stream replays
 * the history first, which is exactly what a visitor who opens the page late should see.
 * sessionStorage, not localStorage: each tab is its own visitor with its own checkout.
 */

const KEY = 'checkout-demo.last-checkout';

export interface LastCheckout {
  readonly checkoutId: string;
  readonly scenario: Scenario;
}

export function rememberCheckout(last: LastCheckout): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(last));
  } catch {
    // Storage can be disabled (private mode, quotas); the demo works without it.
  }
}

export function forgetCheckout(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // see above
  }
}

export function recallCheckout(): LastCheckout | null {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { checkoutId, scenario } = value as Record<string, unknown>;
    return typeof checkoutId === 'string' && typeof scenario === 'string' && isScenario(scenario) ? { checkoutId, scenario } : null;
  } catch {
    return null;
  }
}
