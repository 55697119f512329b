import type { DeadLetter } from '@checkout/messaging';
import type { ConsoleCheckout } from './stuck-order';

/**
 * What the console shows a visitor without the operator token: states, counts, ages and
 * reasons, never a checkout id. An id is all it takes to read someone's checkout, its trace
 * and its event stream, so ids (a dead letter's correlation id and body carry one too) are
 * the operator's.
 */
export function anonymousCheckout(checkout: ConsoleCheckout): Omit<ConsoleCheckout, 'checkoutId'> & { checkoutId: null } {
  return { ...checkout, checkoutId: null };
}

export function anonymousDeadLetter(letter: DeadLetter): Omit<DeadLetter, 'messageId' | 'correlationId' | 'body'> & { messageId: null; correlationId: null; body: null } {
  return { ...letter, messageId: null, correlationId: null, body: null };
}
