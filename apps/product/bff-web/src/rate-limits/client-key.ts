import { normalizeIp } from '@nestjs/throttler/dist/ip';
import type { Request } from 'express';
import { createHash } from 'node:crypto';

/**
 * Who a request counts as, for every per-client limit of the edge (the throttler's, the event
 * streams', the chaos allowance): the client address Express trusts (see TRUSTED_PROXIES),
 * with an IPv6 client counted per /64, since one subscriber is handed a whole /64 and could
 * otherwise pose as billions of clients. This is the throttler's own rule (its default tracker
 * groups the same way), so every count agrees on who a client is.
 */
export function clientKey(request: Pick<Request, 'ip'>): string {
  return request.ip ? normalizeIp(request.ip) : 'unknown';
}

/** The key as the chaos agent stores it: a digest, so its table holds no visitor's address. */
export function clientDigest(request: Pick<Request, 'ip'>): string {
  return createHash('sha256').update(`chaos-client:${clientKey(request)}`).digest('hex').slice(0, 32);
}
