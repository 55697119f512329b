import { customerBehaviour, SANDBOX_PAYMENT_METHODS } from './simulated-customers';

describe('what the simulated customer does, by payment method', () => {
  it('pays promptly with Stripe’s succeeding test card', () => {
    expect(customerBehaviour('pm_card_visa')).toEqual({ steps: [{ action: 'pay', timing: 'prompt' }], webhookCopies: 1 });
  });

  it('is declined with Stripe’s declined test card', () => {
    expect(customerBehaviour('pm_card_chargeDeclined')).toEqual({ steps: [{ action: 'decline', timing: 'prompt' }], webhookCopies: 1 });
  });

  it('pays late, by a method that starts promptly and settles late, or pays with a doubled webhook, with the sandbox’s own ids', () => {
    expect(customerBehaviour(SANDBOX_PAYMENT_METHODS.paysLate)).toMatchObject({
      steps: [
        { action: 'start_delayed_payment', timing: 'prompt' },
        { action: 'settle_delayed_payment', timing: 'late' },
      ],
    });
    expect(customerBehaviour(SANDBOX_PAYMENT_METHODS.webhookTwice)).toMatchObject({ steps: [{ action: 'pay' }], webhookCopies: 2 });
  });

  it('does nothing for pm_sandbox_never_pays, an unknown id, or none', () => {
    for (const method of ['pm_sandbox_never_pays', 'pm_card_mastercard', 'toString', null]) {
      expect(customerBehaviour(method)).toBeNull();
    }
  });
});
