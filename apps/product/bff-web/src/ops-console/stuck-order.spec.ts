import { classify, type ConsoleCheckout, stuckFirst, type StateInfo } from './stuck-order';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const MINUTE = 60_000;
const STATES: Record<string, StateInfo> = {
  Failed: { name: 'Failed', final: false, attention: true },
  Compensating: { name: 'Compensating', final: false, attention: false },
  AwaitingPayment: { name: 'AwaitingPayment', final: false, attention: false },
  Completed: { name: 'Completed', final: true, attention: false },
};

function checkout(id: string, state: string, minutesAgo: number) {
  const at = new Date(NOW - minutesAgo * MINUTE).toISOString();
  const summary = { checkoutId: id, state, reason: null, refunded: false, total: 3999, currency: 'GBP', createdAt: at, updatedAt: at };
  return classify(summary, STATES[state], NOW, 2 * MINUTE);
}

describe('a checkout in the operations console', () => {
  it('is stuck and resumable when Failed, however recent', () => {
    expect(checkout('a', 'Failed', 0)).toMatchObject({ stuck: true, resumable: true });
  });

  it('is stuck when it has sat in Compensating or AwaitingPayment past the threshold, and not before', () => {
    expect(checkout('a', 'Compensating', 3)).toMatchObject({ stuck: true, resumable: false });
    expect(checkout('b', 'AwaitingPayment', 3)).toMatchObject({ stuck: true, resumable: false });
    expect(checkout('c', 'Compensating', 1)).toMatchObject({ stuck: false });
  });

  it('is never stuck once final, however old', () => {
    expect(checkout('a', 'Completed', 600)).toMatchObject({ stuck: false, resumable: false });
  });
});

describe('the console’s order', () => {
  it('puts Failed first, then the slow ones longest-stuck first, then the rest newest first', () => {
    const listed: ConsoleCheckout[] = [
      checkout('done-old', 'Completed', 50),
      checkout('slow-recent', 'AwaitingPayment', 3),
      checkout('done-new', 'Completed', 5),
      checkout('failed', 'Failed', 1),
      checkout('slow-old', 'Compensating', 30),
      checkout('moving', 'AwaitingPayment', 0),
    ];
    expect(listed.sort(stuckFirst).map((c) => c.checkoutId)).toEqual(['failed', 'slow-old', 'slow-recent', 'moving', 'done-new', 'done-old']);
  });
});
