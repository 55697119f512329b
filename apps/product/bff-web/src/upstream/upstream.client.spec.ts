import { AppError } from '@checkout/platform';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamClient } from './upstream.client';

/** A stand-in service answering every request with `status` and `body`. */
const upstream = new UpstreamClient();

async function serviceAnswering(status: number, body: unknown, headers: Record<string, string> = {}): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, server };
}

async function failure(status: number, body: unknown, headers: Record<string, string> = {}): Promise<AppError> {
  const { url, server } = await serviceAnswering(status, body, headers);
  try {
    await upstream.call('catalog', url);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  } finally {
    server.close();
  }
  throw new Error('the call succeeded');
}

describe('an answer from another service of the cluster', () => {
  it('keeps a 4xx as the service wrote it for clients', async () => {
    expect(await failure(409, { code: 'CHECKOUT.NOT_RESUMABLE', message: 'Only a Failed checkout can be resumed' })).toMatchObject({
      status: 409,
      code: 'CHECKOUT.NOT_RESUMABLE',
      message: 'Only a Failed checkout can be resumed',
    });
  });

  it('keeps a 4xx’s Retry-After, so a refusal that says when to come back still says it', async () => {
    const refusal = await failure(429, { code: 'CHAOS.COOLING_DOWN', message: 'The cluster rests 30 s after each verdict' }, { 'retry-after': '17' });
    expect([refusal.status, refusal.code, refusal.retryAfterSeconds]).toEqual([429, 'CHAOS.COOLING_DOWN', 17]);
    expect((await failure(429, { code: 'X', message: 'y' }, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' })).retryAfterSeconds).toBeUndefined();
  });

  it('is a 503 (so sent with Retry-After) when the service says it is unavailable, without its details', async () => {
    const error = await failure(503, { code: 'DATABASE.UNAVAILABLE', message: 'connect ECONNREFUSED 10.0.0.5:5432' });
    expect([error.status, error.code]).toEqual([503, 'UPSTREAM.UNAVAILABLE']);
    expect(error.message).not.toMatch(/10\.0\.0\.5|ECONNREFUSED/);
  });

  it("passes on an overloaded service's Retry-After, so a visitor's retries are paced like any client's", async () => {
    expect((await failure(503, { code: 'CHECKOUT.OVERLOADED' }, { 'retry-after': '12' })).retryAfterSeconds).toBe(12);
    expect((await failure(503, { code: 'CHECKOUT.OVERLOADED' }, { 'retry-after': 'soon' })).retryAfterSeconds).toBeUndefined();
  });

  it('is a plain 502 for any other failure, and a 503 when nothing answers', async () => {
    expect(await failure(500, { message: 'TypeError at handler.ts:12' })).toMatchObject({ status: 502, code: 'UPSTREAM.FAILED' });
    await expect(upstream.call('catalog', 'http://127.0.0.1:1/x')).rejects.toMatchObject({ status: 503, code: 'UPSTREAM.UNAVAILABLE' });
  });
});
