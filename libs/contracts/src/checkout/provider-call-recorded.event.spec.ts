import { ProviderCallRecorded } from './provider-call-recorded.event';

describe('a ProviderCallRecorded message', () => {
  const call = {
    checkoutId: '3f0c6f8e-8a47-4f6e-9a39-6f3e2a1b9c01',
    direction: 'from-provider',
    operation: 'webhook checkout.session.completed',
    providerReference: 'evt_123',
    duplicate: false,
  };

  it('accepts a webhook record', () => {
    expect(ProviderCallRecorded.parse(call)).toEqual(call);
  });

  it('rejects a direction other than to or from the provider', () => {
    expect(() => ProviderCallRecorded.parse({ ...call, direction: 'sideways' })).toThrow(/direction/);
  });

  it('is observed only by the edge, which draws it', () => {
    expect(ProviderCallRecorded.consumers).toEqual(['bff-web']);
  });
});
