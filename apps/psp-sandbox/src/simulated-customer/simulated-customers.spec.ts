import { customerBehaviour, SANDBOX_PAYMENT_METHODS } from './simulated-customers';

describe('what the simulated customer does, by payment method', () => {
  it('pays promptly with Stripe’s succeeding test card', () => {
    expect(customerBehaviour('pm_card_visa')).toEqual({ action: 'pay', timing: 'prompt', webhookCopies: 1 });
  });

  it('is declined with Stripe’s declined test card', () => {
    expect(customerBehaviour('pm_card_chargeDeclined')).toEqual({ action: 'decline', timing: 'prompt', webhookCopies: 1 });
  });

  it('pays late, or pays with a doubled webhook, with the sandbox’s own ids', () => {
    expect(customerBehaviour(SANDBOX_PAYMENT_METHODS.paysLate)).toMatchObject({ action: 'pay', timing: 'late' });
    expect(customerBehaviour(SANDBOX_PAYMENT_METHODS.webhookTwice)).toMatchObject({ action: 'pay', webhookCopies: 2 });
  });

  it('does nothing for pm_sandbox_never_pays, an unknown id, or none', () => {
    for (const method of ['pm_sandbox_never_pays', 'pm_card_mastercard', 'toString', null]) {
      expect(customerBehaviour(method)).toBeNull();
    }
  });
});
