import type { Scenario } from '../api/edge-api.types';

/** One "Inject failure" choice, with what the visitor should expect to see. */
export interface ScenarioOption {
  readonly id: Scenario;
  readonly label: string;
  readonly expect: string;
  /**
   * The saga reaches its final state before the story ends: a late payment is refunded
   * after the checkout was already cancelled, so the UI keeps listening a while longer.
   */
  readonly continuesAfterFinal: boolean;
}

export const SCENARIOS: readonly ScenarioOption[] = [
  { id: 'happy', label: 'None (happy path)', expect: 'Paid, stock sold: Completed.', continuesAfterFinal: false },
  {
    id: 'payment-declined',
    label: 'Payment declined',
    expect: 'The card is declined: stock released, Cancelled.',
    continuesAfterFinal: false,
  },
  { id: 'out-of-stock', label: 'Out of stock', expect: 'Nothing to reserve: Cancelled, nothing to undo.', continuesAfterFinal: false },
  {
    id: 'payment-timeout',
    label: 'Payment never completes (timeout)',
    expect: 'The payment timer fires: stock released, Cancelled.',
    continuesAfterFinal: false,
  },
  {
    id: 'late-payment',
    label: 'Payment completes late (refund)',
    expect: 'Cancelled on timeout, then the late payment is refunded, never kept.',
    continuesAfterFinal: true,
  },
  {
    id: 'duplicate-webhook',
    label: 'Webhook delivered twice',
    expect: 'The provider repeats its webhook: paid once, Completed.',
    continuesAfterFinal: false,
  },
];

export const DEFAULT_SCENARIO: Scenario = 'happy';

export function isScenario(value: string): value is Scenario {
  return SCENARIOS.some((option) => option.id === value);
}

export function scenarioOption(id: Scenario): ScenarioOption {
  const option = SCENARIOS.find((candidate) => candidate.id === id);
  if (!option) {
    throw new Error(`Unknown scenario ${id}`);
  }
  return option;
}
