import { ProviderSecrets } from '@checkout/provider-secrets';
import type { ExecutionContext } from '@nestjs/common';
import { loadPspSandboxConfig } from '../config';
import { ApiKeyGuard } from './api-key.guard';
import { AuthenticationError } from './stripe-api.error';

const key = 'sk_test_guard_spec_key_00000000';
const guard = new ApiKeyGuard(ProviderSecrets.from(loadPspSandboxConfig({ PSP_API_KEY: key })));

function withAuthorization(authorization?: string): ExecutionContext {
  const request = { headers: authorization === undefined ? {} : { authorization } };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('authenticating a /v1 request by API key', () => {
  it('lets the key through as a bearer token (the SDK) or as the Basic user name (curl -u key:)', () => {
    expect(guard.canActivate(withAuthorization(`Bearer ${key}`))).toBe(true);
    expect(guard.canActivate(withAuthorization(`Basic ${Buffer.from(`${key}:`).toString('base64')}`))).toBe(true);
  });

  it('refuses a missing key, telling the client how to send one', () => {
    expect(() => guard.canActivate(withAuthorization())).toThrow(/did not provide an API key/);
    expect(() => guard.canActivate(withAuthorization('Bearer '))).toThrow(AuthenticationError);
  });

  it('refuses a wrong key without echoing it whole', () => {
    const wrong = 'sk_test_wrong_key_but_same_length0';
    expect(() => guard.canActivate(withAuthorization(`Bearer ${wrong}`))).toThrow(/Invalid API Key provided: sk_test_\*{8}gth0/);
    expect(() => guard.canActivate(withAuthorization(`Bearer ${key}x`))).toThrow(AuthenticationError);
  });
});
