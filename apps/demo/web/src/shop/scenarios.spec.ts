import { DEFAULT_SCENARIO, isScenario, scenarioOption, SCENARIOS } from './scenarios';

describe('the "Inject failure" choices', () => {
  it('offer the happy path and the five failures the edge accepts, in that order', () => {
    expect(SCENARIOS.map((option) => option.id)).toEqual([
      'happy',
      'payment-declined',
      'out-of-stock',
      'payment-timeout',
      'late-payment',
      'duplicate-webhook',
    ]);
  });

  it('read as the visitor sees them', () => {
    expect(SCENARIOS.map((option) => option.label)).toEqual([
      'None (happy path)',
      'Payment declined',
      'Out of stock',
      'Payment never completes (timeout)',
      'Payment completes late (refund)',
      'Webhook delivered twice',
    ]);
  });

  it('start on the happy path', () => {
    expect(DEFAULT_SCENARIO).toBe('happy');
  });

  it('recognise only the scenarios the edge knows', () => {
    expect(isScenario('payment-declined')).toBe(true);
    expect(isScenario('free-money')).toBe(false);
  });

  it('keep listening after the final state only for the late payment, whose refund comes afterwards', () => {
    expect(SCENARIOS.filter((option) => option.continuesAfterFinal).map((option) => option.id)).toEqual(['late-payment']);
    expect(scenarioOption('late-payment').continuesAfterFinal).toBe(true);
  });
});
