import { z } from 'zod';
import { messageEnvelopeSchema } from '../envelope/message-envelope';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, isoDateTime } from './checkout-fields';

/** A state of a saga's table, as the orchestrator names it (`AwaitingPayment`). */
const sagaState = z.string().regex(/^[A-Z][A-Za-z]{0,39}$/, { error: 'expected a saga state such as AwaitingPayment' });

/**
 * One step of a watched checkout's saga, written by the orchestrator through its outbox in
 * the transaction of the step itself: the visitor's live view learns from it which transition
 * a message caused, in the order the saga took them, without asking the orchestrator. Only a
 * checkout the shop page started (a visitor watches it) has these; bulk API checkouts have
 * none, so the edge's queue receives nothing of theirs. The saga instance is the checkout's
 * own row, so `checkoutId` also names the saga.
 */
export const CheckoutTransitioned = defineMessage({
  type: 'CheckoutTransitioned',
  kind: 'event',
  producer: 'checkout-orchestrator',
  consumers: ['bff-web'],
  description: "A watched checkout's saga moved from one state to another: the event, what caused it and what it sent.",
  payload: z.strictObject({
    checkoutId,
    /** Null for the checkout's first step (Initial → Initiated). */
    from: sagaState.nullable(),
    to: sagaState,
    /** The saga's event: a message's type, or `PaymentTimedOut`, `ResumeRequested`, `CheckoutRequested`. */
    event: z.string().regex(/^[A-Z][A-Za-z0-9]{0,79}$/, { error: 'expected an event name such as StockReserved' }),
    compensation: z.boolean(),
    at: isoDateTime,
    /** The message the step handled; null when a timer, an operator or the start request caused it. */
    causedBy: messageEnvelopeSchema.nullable(),
    /** The messages the step sent, in the order the outbox publishes them. */
    sent: z.array(messageEnvelopeSchema).max(10),
  }),
});
export type CheckoutTransitioned = PayloadOf<typeof CheckoutTransitioned>;
