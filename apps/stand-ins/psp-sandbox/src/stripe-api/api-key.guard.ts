import { sameSecret } from '@checkout/platform';
import { ProviderSecrets } from '@checkout/provider-secrets';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticationError } from './stripe-api.error';

/**
 * Requires the secret key on every /v1 route, as Stripe does: `Authorization: Bearer <key>`
 * (the SDKs) or HTTP Basic with the key as user name (`curl -u <key>:` in Stripe's docs).
 * Each comparison runs in constant time (sameSecret), so the timing leaks nothing of a key.
 * During a key rotation's overlap the previous key is accepted too, so the caller can move to
 * the new one at its own pace.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly secrets: ProviderSecrets) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const key = apiKeyOf(header ?? '');
    if (key === undefined) {
      throw new AuthenticationError(
        'You did not provide an API key. Provide it in the Authorization header: "Authorization: Bearer YOUR_SECRET_KEY".',
      );
    }
    // Every valid key is compared, matched or not, so the time taken does not say which matched.
    const matches = this.secrets.apiKeys().map((valid) => sameSecret(key, valid));
    if (!matches.includes(true)) {
      throw new AuthenticationError(`Invalid API Key provided: ${redact(key)}`);
    }
    return true;
  }
}

function apiKeyOf(header: string): string | undefined {
  const [scheme, credentials = ''] = header.split(' ', 2);
  if (scheme === 'Bearer') return credentials || undefined;
  if (scheme === 'Basic') return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

/** Like Stripe: enough of the key to recognise which one was sent, never the whole of it. */
function redact(key: string): string {
  return key.length <= 12 ? '*'.repeat(key.length) : `${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}`;
}
