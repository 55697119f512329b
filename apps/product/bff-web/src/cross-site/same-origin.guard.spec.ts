import { AppError } from '@checkout/platform';
import type { ExecutionContext } from '@nestjs/common';
import { loadBffConfig } from '../config';
import { SameOriginGuard } from './same-origin.guard';

const guard = new SameOriginGuard(loadBffConfig({ PUBLIC_ORIGINS: 'https://shop.example.com' }));

/** The outcome for a request: 'allowed', or the status it is refused with. */
function outcome(method: string, headers: Record<string, string>): 'allowed' | number {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const request = {
    method,
    get: (name: string) => lower[name.toLowerCase()],
    is: (type: string) => (lower['content-type']?.split(';')[0].trim() === type ? type : false),
  };
  const context = { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  try {
    guard.canActivate(context);
    return 'allowed';
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

const json = { 'content-type': 'application/json' };

describe('state-changing requests at the edge', () => {
  it('accepts JSON from the site’s own pages and from clients that are not browsers', () => {
    expect(outcome('POST', { ...json, origin: 'https://shop.example.com', 'sec-fetch-site': 'same-origin' })).toBe('allowed');
    expect(outcome('POST', { 'content-type': 'application/json; charset=utf-8' })).toBe('allowed');
  });

  it('refuses a form posted from another site with 403', () => {
    expect(outcome('POST', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' })).toBe(403);
  });

  it('refuses what the browser marks as cross-site or same-site, and an opaque origin', () => {
    expect(outcome('POST', { ...json, 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(outcome('POST', { ...json, 'sec-fetch-site': 'same-site' })).toBe(403);
    expect(outcome('POST', { ...json, origin: 'null' })).toBe(403);
  });

  it('refuses a body that is not JSON with 415, even from the site itself', () => {
    expect(outcome('POST', { 'content-type': 'text/plain', origin: 'https://shop.example.com' })).toBe(415);
    expect(outcome('POST', { 'content-length': '12' })).toBe(415);
    expect(outcome('POST', { 'transfer-encoding': 'chunked' })).toBe(415);
    expect(outcome('POST', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' })).toBe(415);
  });

  it('accepts an action that carries no body at all (the page’s Halt button)', () => {
    expect(outcome('POST', { origin: 'https://shop.example.com', 'content-length': '0' })).toBe('allowed');
    expect(outcome('POST', {})).toBe('allowed');
  });

  it('leaves reads alone', () => {
    expect(outcome('GET', { origin: 'https://evil.example' })).toBe('allowed');
  });
});
