import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { SandboxSettings } from '../sandbox.settings';
import { AuthenticationError } from './stripe-api.error';

/**
 * Requires `Authorization: Bearer <PSP_API_KEY>` on every /v1 route, as Stripe requires its
 * secret key. The comparison runs in constant time over fixed-length digests, so neither the
 * timing nor the key's length leaks how close a guess was.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(settings: SandboxSettings) {
    this.expected = digest(settings.apiKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization;
    const key = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    if (key === undefined) {
      throw new AuthenticationError(
        'You did not provide an API key. Provide it in the Authorization header: "Authorization: Bearer YOUR_SECRET_KEY".',
      );
    }
    if (!timingSafeEqual(digest(key), this.expected)) {
      throw new AuthenticationError(`Invalid API Key provided: ${redact(key)}`);
    }
    return true;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Like Stripe: enough of the key to recognise which one was sent, never the whole of it. */
function redact(key: string): string {
  return key.length <= 12 ? '*'.repeat(key.length) : `${key.slice(0, 8)}${'*'.repeat(8)}${key.slice(-4)}`;
}
