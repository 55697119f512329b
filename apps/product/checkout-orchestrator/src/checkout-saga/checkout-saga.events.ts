import type { EnvelopeOf, MessageEnvelope, PayloadOf } from '@checkout/contracts';
import { CHECKOUT_SUBSCRIPTIONS } from './checkout.subscriptions';

/**
 * The saga's vocabulary: the events it reacts to. Integration events are named and shaped by
 * their contracts in libs/contracts, subscribed to in checkout.subscriptions.ts; the saga's own events (its timers and
 * the operator) are declared beside them. Adding an event is a contract, a subscription and
 * a row in the table.
 */

/** The saga's own events: the payment and release deadlines, and an operator's resume. */
interface InternalEventPayloads {
  readonly PaymentTimedOut: { readonly afterMs: number };
  readonly ReleaseTimedOut: Record<string, never>;
  readonly ResumeRequested: Record<string, never>;
}
const INTERNAL_EVENTS = ['PaymentTimedOut', 'ReleaseTimedOut', 'ResumeRequested'] as const satisfies readonly (keyof InternalEventPayloads)[];

type Subscribed = (typeof CHECKOUT_SUBSCRIPTIONS)[number];

/** An integration event the saga subscribes to, as taken off its queue. */
export type SubscribedMessage = EnvelopeOf<Subscribed>;

/** Each event's payload: the contract's for an integration event. */
export type CheckoutEventPayloads = { readonly [D in Subscribed as D['type']]: PayloadOf<D> } & InternalEventPayloads;

export type CheckoutEvent = keyof CheckoutEventPayloads;

/** Every event the saga reacts to, by name (what the table's rows are keyed by). */
export const CHECKOUT_EVENTS: readonly CheckoutEvent[] = [...CHECKOUT_SUBSCRIPTIONS.map((message) => message.type), ...INTERNAL_EVENTS];

/** One event as the state machine applies it; a SubscribedMessage is one as it is. */
export type SagaEvent<E extends CheckoutEvent = CheckoutEvent> = {
  readonly [K in E]: { readonly type: K; readonly payload: CheckoutEventPayloads[K] };
}[E];

const SUBSCRIBED_TYPES: ReadonlySet<string> = new Set(CHECKOUT_SUBSCRIPTIONS.map((message) => message.type));

/**
 * Narrows an envelope the consumer decoded (parseMessage validated its payload against the
 * contract its type names) to one of the saga's subscriptions.
 */
export function isSubscribed(envelope: MessageEnvelope): envelope is SubscribedMessage {
  return SUBSCRIBED_TYPES.has(envelope.type);
}
