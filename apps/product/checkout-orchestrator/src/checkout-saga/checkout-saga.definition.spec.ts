import { type CheckoutData, type CheckoutPolicy, type CheckoutSnapshot, newCheckoutData } from './checkout-data';
import { CHECKOUT_SAGA, CHECKOUT_STATES, type CheckoutState } from './checkout-saga.definition';
import { CHECKOUT_EVENTS, type SagaEvent } from './checkout-saga.events';
import { CHECKOUT_GUARDS } from './checkout-saga.guards';
import { CHECKOUT_MESSAGES } from './checkout-saga.messages';
import { applyEvent, type Outcome } from './checkout-state-machine';

const policy: CheckoutPolicy = { paymentTimeoutMs: 30_000, releaseTimeoutMs: 10_000, maxReleaseAttempts: 3 };
const checkoutId = '3f0c6f8e-8a47-4f6e-9a39-6f3e2a1b9c01';
const fresh: CheckoutData = newCheckoutData(checkoutId, { items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' });

// Complete contract payloads, as the consumer hands them over (ids are any well-formed value).
const events = {
  reserved: { type: 'StockReserved', payload: { checkoutId, reservationId: 'r-1', lines: [{ sku: 'DEMO-WIDGET', qty: 1, name: 'Demo Widget', unitAmount: 3999 }], amount: 3999, currency: 'GBP' } },
  noStock: { type: 'StockReservationFailed', payload: { checkoutId, reason: 'OUT_OF_STOCK', sku: 'SOLD-OUT-GADGET' } },
  sessionCreated: { type: 'PaymentSessionCreated', payload: { checkoutId, paymentId: 'p-1', providerSessionId: 'cs_1', expiresAt: '2026-01-01T00:30:00.000Z' } },
  sessionFailed: { type: 'PaymentSessionFailed', payload: { checkoutId, reason: 'provider refused' } },
  paid: { type: 'PaymentCompleted', payload: { checkoutId, paymentId: 'p-1', providerPaymentId: 'pi_1', amount: 3999, currency: 'GBP' } },
  declined: { type: 'PaymentFailed', payload: { checkoutId, paymentId: 'p-1', reason: 'Your card was declined.', declineCode: 'generic_decline' } },
  paymentTimeout: { type: 'PaymentTimedOut', payload: { afterMs: 30_000 } },
  expired: { type: 'PaymentSessionExpired', payload: { checkoutId, paymentId: 'p-1', paymentPending: false } },
  expiredPending: { type: 'PaymentSessionExpired', payload: { checkoutId, paymentId: 'p-1', paymentPending: true } },
  released: { type: 'StockReleased', payload: { checkoutId, reservationId: 'r-1' } },
  releaseTimeout: { type: 'ReleaseTimedOut', payload: {} },
  committed: { type: 'StockCommitted', payload: { checkoutId, reservationId: 'r-1' } },
  refunded: { type: 'PaymentRefunded', payload: { checkoutId, paymentId: 'p-1', refundId: 're_1', amount: 3999, currency: 'GBP' } },
  refundFailed: { type: 'RefundFailed', payload: { checkoutId, paymentId: 'p-1', reason: 'provider down' } },
  resume: { type: 'ResumeRequested', payload: {} },
} satisfies Record<string, SagaEvent>;

/** Runs a sequence of events from a state and returns every outcome; fails on an ignored one. */
function run(from: CheckoutSnapshot, ...sequence: SagaEvent[]): Outcome[] {
  const outcomes: Outcome[] = [];
  let snapshot = from;
  for (const event of sequence) {
    const outcome = applyEvent(snapshot, event, policy);
    if (!outcome) throw new Error(`${event.type} was ignored in ${snapshot.state}`);
    outcomes.push(outcome);
    snapshot = { state: outcome.to, data: outcome.data };
  }
  return outcomes;
}

const steps = (outcomes: Outcome[]) => outcomes.map((o) => `${o.from} -${o.event}-> ${o.to} [${o.send.join(', ')}]`);
const start: CheckoutSnapshot = { state: 'Initiated', data: fresh };
const last = (outcomes: Outcome[]) => outcomes[outcomes.length - 1];

describe('the checkout saga table', () => {
  it('starts Initiated by asking the catalog to reserve stock', () => {
    expect(CHECKOUT_SAGA.initial).toBe('Initiated');
    expect(CHECKOUT_SAGA.start.send).toEqual(['StockReservationRequested']);
  });

  it('is complete: every state is described, every target exists, every guard and message is defined', () => {
    expect(Object.keys(CHECKOUT_SAGA.states).sort()).toEqual([...CHECKOUT_STATES].sort());
    for (const spec of Object.values(CHECKOUT_SAGA.states)) {
      for (const [event, rows] of Object.entries(spec.on)) {
        expect(CHECKOUT_EVENTS).toContain(event);
        for (const row of rows ?? []) {
          expect(CHECKOUT_STATES).toContain(row.to);
          if (row.when) expect(CHECKOUT_GUARDS[row.when]).toBeDefined();
          for (const message of row.send ?? []) expect(CHECKOUT_MESSAGES[message]).toBeDefined();
        }
      }
    }
  });
});

describe('a checkout that is paid', () => {
  it('reserves, opens a payment session, waits for payment, then completes and asks the catalog to sell the stock', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paid);
    expect(steps(outcomes)).toEqual([
      'Initiated -StockReserved-> StockReserved [PaymentSessionRequested]',
      'StockReserved -PaymentSessionCreated-> AwaitingPayment []',
      'AwaitingPayment -PaymentCompleted-> Completed [StockCommitRequested, CheckoutCompleted]',
    ]);
    expect(outcomes[1].arm).toEqual({ timer: 'payment', inMs: 30_000 });
    expect(outcomes[2].disarm).toEqual(['payment']);
    expect(last(outcomes).data).toMatchObject({ amount: 3999, currency: 'GBP', reservationId: 'r-1', paymentId: 'p-1', providerPaymentId: 'pi_1' });
  });

  it('asks payments for the amount the catalog priced', () => {
    const [reserved] = run(start, events.reserved);
    expect(CHECKOUT_MESSAGES.PaymentSessionRequested.compose(reserved.data)).toEqual({
      checkoutId,
      amount: 3999,
      currency: 'GBP',
      paymentMethod: 'pm_card_visa',
      description: '1 × Demo Widget',
    });
  });
});

describe('a checkout with no stock', () => {
  it('ends Cancelled with the reason, with nothing to undo', () => {
    const [outcome] = run(start, events.noStock);
    expect(steps([outcome])).toEqual(['Initiated -StockReservationFailed-> Cancelled [CheckoutCancelled]']);
    expect(outcome.data.reason).toBe('out of stock: SOLD-OUT-GADGET');
    expect(outcome.compensation).toBe(false);
  });
});

describe('a checkout whose payment is declined', () => {
  it('releases the reserved stock and ends Cancelled', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.declined, events.released);
    expect(steps(outcomes).slice(2)).toEqual([
      'AwaitingPayment -PaymentFailed-> Compensating [StockReleaseRequested]',
      'Compensating -StockReleased-> Cancelled [CheckoutCancelled]',
    ]);
    expect(outcomes[2]).toMatchObject({ compensation: true, disarm: ['payment'], arm: { timer: 'release', inMs: 10_000 } });
    expect(last(outcomes).data.reason).toBe('payment declined (generic_decline)');
    expect(CHECKOUT_MESSAGES.StockReleaseRequested.compose(outcomes[2].data)).toEqual({
      checkoutId,
      reservationId: 'r-1',
      reason: 'payment declined (generic_decline)',
    });
  });
});

describe('a checkout whose payment session cannot be created', () => {
  it('releases the reserved stock and ends Cancelled', () => {
    const outcomes = run(start, events.reserved, events.sessionFailed, events.released);
    expect(steps(outcomes).slice(1)).toEqual([
      'StockReserved -PaymentSessionFailed-> Compensating [StockReleaseRequested]',
      'Compensating -StockReleased-> Cancelled [CheckoutCancelled]',
    ]);
  });
});

describe('a checkout that is never paid', () => {
  it('times out, has the provider close the session, releases the stock and ends Cancelled', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.expired, events.released);
    expect(steps(outcomes).slice(2)).toEqual([
      'AwaitingPayment -PaymentTimedOut-> ExpiringPayment [PaymentSessionExpiryRequested]',
      'ExpiringPayment -PaymentSessionExpired-> Compensating [StockReleaseRequested]',
      'Compensating -StockReleased-> Cancelled [CheckoutCancelled]',
    ]);
    expect(outcomes[2]).toMatchObject({ compensation: false, arm: { timer: 'payment', inMs: 30_000 } });
    expect(outcomes[3]).toMatchObject({ compensation: true, disarm: ['payment'], arm: { timer: 'release', inMs: 10_000 } });
    expect(CHECKOUT_MESSAGES.PaymentSessionExpiryRequested.compose(outcomes[2].data)).toEqual({ checkoutId, paymentId: 'p-1' });
    expect(last(outcomes).data.reason).toBe('no payment within 30 s');
  });

  it('asks the provider again when the expiry goes unanswered for another timeout, and gives up on nothing meanwhile', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.paymentTimeout);
    expect(steps(outcomes).slice(3)).toEqual(['ExpiringPayment -PaymentTimedOut-> ExpiringPayment [PaymentSessionExpiryRequested]']);
    expect(last(outcomes).arm).toEqual({ timer: 'payment', inMs: 30_000 });
  });

  it('says so when a payment was still pending at the provider (it will be refunded if it arrives)', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.expiredPending);
    expect(last(outcomes).to).toBe('Compensating');
    expect(last(outcomes).data.reason).toBe('no payment within 30 s; a payment still pending will be refunded');
  });
});

describe('a checkout paid while the orchestrator could not hear it until after the timeout', () => {
  it('completes when the payment turns out to have been made: nothing is refunded', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.paid);
    expect(steps(outcomes).slice(2)).toEqual([
      'AwaitingPayment -PaymentTimedOut-> ExpiringPayment [PaymentSessionExpiryRequested]',
      'ExpiringPayment -PaymentCompleted-> Completed [StockCommitRequested, CheckoutCompleted]',
    ]);
    expect(outcomes[3]).toMatchObject({ compensation: false, disarm: ['payment'] });
    expect(outcomes.flatMap((o) => o.send)).not.toContain('RefundRequested');
  });
});

describe('a payment that completes after the checkout gave up', () => {
  it('is refunded when it arrives while compensating', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.expired, events.paid, events.released, events.refunded);
    expect(steps(outcomes).slice(4)).toEqual([
      'Compensating -PaymentCompleted-> Compensating [RefundRequested]',
      'Compensating -StockReleased-> Cancelled [CheckoutCancelled]',
      'Cancelled -PaymentRefunded-> Cancelled []',
    ]);
  });

  it('is refunded when it arrives after the checkout was cancelled, which stays Cancelled', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.expired, events.released, events.paid, events.refunded);
    expect(steps(outcomes).slice(5)).toEqual([
      'Cancelled -PaymentCompleted-> Cancelled [RefundRequested]',
      'Cancelled -PaymentRefunded-> Cancelled []',
    ]);
    expect(CHECKOUT_MESSAGES.RefundRequested.compose(outcomes[5].data)).toMatchObject({ paymentId: 'p-1', amount: 3999, currency: 'GBP' });
    expect(last(outcomes).data.refundId).toBe('re_1');
  });

  it('fails for an operator when the refund itself fails, and resuming asks for the refund again', () => {
    const cancelled = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.expired, events.released, events.paid);
    const snapshot = { state: last(cancelled).to, data: last(cancelled).data };
    const outcomes = run(snapshot, events.refundFailed, events.resume, events.refunded);
    expect(steps(outcomes)).toEqual([
      'Cancelled -RefundFailed-> Failed [CheckoutFailed]',
      'Failed -ResumeRequested-> Cancelled [RefundRequested]',
      'Cancelled -PaymentRefunded-> Cancelled []',
    ]);
  });
});

describe('a refund that fails while the checkout is still compensating', () => {
  it('keeps it in mind: the checkout ends Failed, not Cancelled, and resuming retries the refund', () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.paymentTimeout, events.expired, events.paid, events.refundFailed, events.released, events.resume, events.refunded);
    expect(steps(outcomes).slice(4)).toEqual([
      'Compensating -PaymentCompleted-> Compensating [RefundRequested]',
      'Compensating -RefundFailed-> Compensating []',
      'Compensating -StockReleased-> Failed [CheckoutFailed]',
      'Failed -ResumeRequested-> Cancelled [RefundRequested]',
      'Cancelled -PaymentRefunded-> Cancelled []',
    ]);
    expect(CHECKOUT_MESSAGES.CheckoutFailed.compose(outcomes[6].data)).toMatchObject({ reason: 'refund failed: provider down' });
    expect(last(outcomes).data.refundFailed).toBe(false);
  });
});

describe('a checkout that owes both a stock release and a refund', () => {
  it('releases the stock first on resume, then stays Failed for the refund, which the next resume retries', () => {
    const stuck = run(start, events.reserved, events.sessionCreated, events.declined, events.releaseTimeout, events.releaseTimeout, events.releaseTimeout);
    const failed = { state: last(stuck).to, data: last(stuck).data };
    const outcomes = run(failed, events.paid, events.refundFailed, events.resume, events.released, events.resume, events.refunded);
    expect(steps(outcomes)).toEqual([
      'Failed -PaymentCompleted-> Failed [RefundRequested]',
      'Failed -RefundFailed-> Failed []',
      'Failed -ResumeRequested-> Compensating [StockReleaseRequested]',
      'Compensating -StockReleased-> Failed [CheckoutFailed]',
      'Failed -ResumeRequested-> Cancelled [RefundRequested]',
      'Cancelled -PaymentRefunded-> Cancelled []',
    ]);
  });
});

describe('a compensation whose stock release goes unanswered', () => {
  const compensating = () => {
    const outcomes = run(start, events.reserved, events.sessionCreated, events.declined);
    return { state: last(outcomes).to, data: last(outcomes).data };
  };

  it('asks again on each timeout until the attempts run out, then ends Failed', () => {
    const outcomes = run(compensating(), events.releaseTimeout, events.releaseTimeout, events.releaseTimeout);
    expect(steps(outcomes)).toEqual([
      'Compensating -ReleaseTimedOut-> Compensating [StockReleaseRequested]',
      'Compensating -ReleaseTimedOut-> Compensating [StockReleaseRequested]',
      'Compensating -ReleaseTimedOut-> Failed [CheckoutFailed]',
    ]);
    expect(outcomes.map((o) => o.data.releaseAttempts)).toEqual([2, 3, 3]);
    expect(CHECKOUT_MESSAGES.CheckoutFailed.compose(last(outcomes).data)).toMatchObject({ reason: 'stock release unanswered after 3 attempts' });
  });

  it('can be resumed by an operator, which restarts the release with a fresh budget', () => {
    const failed = run(compensating(), events.releaseTimeout, events.releaseTimeout, events.releaseTimeout);
    const outcomes = run({ state: 'Failed', data: last(failed).data }, events.resume, events.released);
    expect(steps(outcomes)).toEqual([
      'Failed -ResumeRequested-> Compensating [StockReleaseRequested]',
      'Compensating -StockReleased-> Cancelled [CheckoutCancelled]',
    ]);
    expect(outcomes[0].data.releaseAttempts).toBe(1);
    expect(outcomes[0].arm?.timer).toBe('release');
  });
});

describe('a payment outcome that overtakes its session confirmation', () => {
  it('completes the checkout from StockReserved, and the late confirmation is ignored', () => {
    const outcomes = run(start, events.reserved, events.paid);
    expect(steps(outcomes).slice(1)).toEqual(['StockReserved -PaymentCompleted-> Completed [StockCommitRequested, CheckoutCompleted]']);
    expect(applyEvent({ state: 'Completed', data: last(outcomes).data }, events.sessionCreated, policy)).toBeUndefined();
  });

  it('compensates a decline from StockReserved', () => {
    const outcomes = run(start, events.reserved, events.declined, events.released);
    expect(steps(outcomes).slice(1)).toEqual([
      'StockReserved -PaymentFailed-> Compensating [StockReleaseRequested]',
      'Compensating -StockReleased-> Cancelled [CheckoutCancelled]',
    ]);
  });
});

describe('a payment that arrives while the checkout waits for an operator', () => {
  it('is refunded, and the checkout stays Failed', () => {
    const [outcome] = run({ state: 'Failed', data: { ...fresh, amount: 3999, currency: 'GBP', failedStep: 'release' } }, events.paid);
    expect(steps([outcome])).toEqual(['Failed -PaymentCompleted-> Failed [RefundRequested]']);
  });
});

describe('events that arrive twice, late or out of order', () => {
  const cases: [CheckoutState, SagaEvent][] = [
    ['StockReserved', events.reserved],
    ['AwaitingPayment', events.reserved],
    ['AwaitingPayment', events.sessionCreated],
    ['Completed', events.paid],
    ['Completed', events.declined],
    ['Completed', events.paymentTimeout],
    ['Cancelled', events.noStock],
    ['Cancelled', events.released],
    ['Initiated', events.paid],
    ['Compensating', events.declined],
    ['Completed', events.resume],
    ['Completed', events.expired],
    ['Compensating', events.expired],
    ['Cancelled', events.expired],
    ['AwaitingPayment', events.expired],
    // While the session is being closed, a decline decides nothing: the provider's answer does.
    ['ExpiringPayment', events.declined],
    // Retired: one left queued by an earlier catalog (docs/decisions/0051) is accepted nowhere.
    ...CHECKOUT_STATES.map((state): [CheckoutState, SagaEvent] => [state, events.committed]),
  ];

  it.each(cases)('in %s, %p is ignored and moves nothing', (state, event) => {
    expect(applyEvent({ state, data: fresh }, event, policy)).toBeUndefined();
  });

  it('never leaves a final state for a non-final one', () => {
    for (const state of CHECKOUT_STATES.filter((s) => CHECKOUT_SAGA.states[s].final)) {
      for (const rows of Object.values(CHECKOUT_SAGA.states[state].on)) {
        for (const row of rows ?? []) {
          const target = CHECKOUT_SAGA.states[row.to];
          expect(target.final || target.attention).toBe(true);
        }
      }
    }
  });
});
