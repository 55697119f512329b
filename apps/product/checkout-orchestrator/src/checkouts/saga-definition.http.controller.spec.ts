import { CHECKOUT_SAGA } from '../checkout-saga/checkout-saga.definition';
import { SagaDefinitionHttpController } from './saga-definition.http.controller';

describe('the saga definition served to the web UI', () => {
  const served = new SagaDefinitionHttpController().checkout();

  it('lists every row of the table as one transition', () => {
    const rows = Object.values(CHECKOUT_SAGA.states).flatMap((state) => Object.values(state.on).flatMap((r) => r ?? []));
    expect(served.transitions).toHaveLength(rows.length);
  });

  it('carries the compensation marks and guards the diagram draws', () => {
    expect(served.transitions).toContainEqual(
      expect.objectContaining({ from: 'AwaitingPayment', to: 'Compensating', event: 'PaymentFailed', compensation: true }),
    );
    expect(served.transitions).toContainEqual(
      expect.objectContaining({ from: 'Compensating', to: 'Failed', event: 'ReleaseTimedOut', when: 'releaseRetriesExhausted' }),
    );
    expect(served.states.find((s) => s.name === 'Completed')).toEqual({ name: 'Completed', final: true, attention: false });
  });
});
