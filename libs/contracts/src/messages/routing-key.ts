/** The one topic exchange every checkout message is published to. */
export const CHECKOUT_EXCHANGE = 'checkout.events';

const ROUTING_KEY_PREFIX = 'checkout.';

/**
 * The routing key of a message type: `StockReservationRequested` becomes
 * `checkout.stock-reservation-requested`. Publishers and queue bindings both call this, so a
 * renamed message cannot leave a binding pointing at a key nobody publishes.
 */
export function routingKeyFor(type: string): string {
  const kebab = type
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    // An acronym followed by a word: `PSPWebhook` -> `PSP-Webhook`.
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `${ROUTING_KEY_PREFIX}${kebab}`;
}
