import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';

/**
 * What "Inject failure" offers, as real inputs: which product and which payment method the
 * checkout uses. Nothing in the services knows about scenarios; they see stock and cards.
 */
export const SCENARIOS = {
  happy: { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.pays },
  'payment-declined': { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.declined },
  'out-of-stock': { sku: 'SOLD-OUT-GADGET', paymentMethod: SANDBOX_PAYMENT_METHODS.pays },
  'payment-timeout': { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.neverPays },
  'late-payment': { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.paysLate },
  'duplicate-webhook': { sku: 'DEMO-WIDGET', paymentMethod: SANDBOX_PAYMENT_METHODS.webhookTwice },
} as const;

export type Scenario = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as [Scenario, ...Scenario[]];

/** The product the shop page sells. */
export const SHOP_SKU = 'DEMO-WIDGET';
