import { isLoopbackUrl, publishedSandboxSecretsIn, SANDBOX_CREDENTIALS } from './sandbox-credentials';

describe('the published sandbox credentials', () => {
  it.each(['http://127.0.0.1:3004', 'http://127.9.0.1', 'http://localhost:3004', 'http://[::1]:3004'])('treat %s as this machine', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });

  it.each(['https://api.stripe.com', 'http://10.0.0.5:3004', 'http://psp-sandbox:3004', 'http://127.0.0.1.evil.example', 'nonsense'])(
    'do not treat %s as this machine',
    (url) => expect(isLoopbackUrl(url)).toBe(false),
  );

  it('are allowed towards a sandbox on this machine', () => {
    expect(publishedSandboxSecretsIn('http://127.0.0.1:3004', SANDBOX_CREDENTIALS)).toEqual([]);
  });

  it('are named, each one, when the provider is elsewhere', () => {
    expect(publishedSandboxSecretsIn('https://api.stripe.com', SANDBOX_CREDENTIALS)).toEqual(['apiKey', 'webhookSecret']);
    const ownKey = { ...SANDBOX_CREDENTIALS, apiKey: 'sk_test_51RealTestModeKey' };
    expect(publishedSandboxSecretsIn('https://api.stripe.com', ownKey)).toEqual(['webhookSecret']);
  });
});
