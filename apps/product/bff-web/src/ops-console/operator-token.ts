import { sameSecret } from '@checkout/platform';

/** What a request's credentials allow on the console's actions. */
export type OperatorAccess = 'granted' | 'missing' | 'wrong' | 'disabled';

/**
 * Decides from the configured token and the request's `Authorization` header. Only the Bearer
 * scheme counts: a token in a query string would end up in access logs and browser history.
 * Without a configured token nothing is granted, whatever is sent.
 */
export function operatorAccess(configured: string | undefined, authorization: string | undefined): OperatorAccess {
  if (configured === undefined) return 'disabled';
  const token = bearerToken(authorization);
  if (token === undefined) return 'missing';
  return sameSecret(token, configured) ? 'granted' : 'wrong';
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  return match?.[1];
}
