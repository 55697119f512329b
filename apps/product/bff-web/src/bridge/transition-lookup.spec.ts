import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BffConfig } from '../config';
import { TransitionLookup } from './transition-lookup';

/** A stand-in orchestrator: serves the transitions it holds and counts the requests. */
async function orchestrator(steps: { checkoutId: string; messageId: string; from: string | null; to: string }[]) {
  const seen = { requests: 0, idsPerRequest: [] as number[] };
  const server = http.createServer((req, res) => {
    seen.requests++;
    const ids = new URL(req.url ?? '', 'http://x').searchParams.get('checkoutIds')?.split(',') ?? [];
    seen.idsPerRequest.push(ids.length);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(steps.filter((step) => ids.includes(step.checkoutId))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('looking up the transition a bridged message caused', () => {
  it('asks once per pass for a whole batch of messages, however many there are', async () => {
    const steps = Array.from({ length: 300 }, (_, i) => ({ checkoutId: randomUUID(), messageId: randomUUID(), from: i % 2 ? 'Initiated' : null, to: 'StockReserved' }));
    const fake = await orchestrator(steps);
    const lookup = new TransitionLookup({ ORCHESTRATOR_URL: fake.url } as BffConfig);
    try {
      const found = await Promise.all(steps.map((step) => lookup.causedBy(step.checkoutId, step.messageId)));
      expect(found).toEqual(steps.map(({ from, to }) => ({ from, to })));
      expect(fake.seen.requests).toBe(2); // 300 checkouts: two requests of at most 200, in one pass
      expect(fake.seen.idsPerRequest).toEqual([200, 100]);
    } finally {
      lookup.onApplicationShutdown();
      await fake.close();
    }
  });

  it('concludes a message caused no transition after its passes, and stops asking', async () => {
    const fake = await orchestrator([]);
    const lookup = new TransitionLookup({ ORCHESTRATOR_URL: fake.url } as BffConfig);
    try {
      await expect(lookup.causedBy(randomUUID(), randomUUID())).resolves.toBeNull();
      const requests = fake.seen.requests;
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(fake.seen.requests).toBe(requests);
    } finally {
      lookup.onApplicationShutdown();
      await fake.close();
    }
  });

  it('finds nothing rather than failing while the orchestrator is away', async () => {
    const lookup = new TransitionLookup({ ORCHESTRATOR_URL: 'http://127.0.0.1:1' } as BffConfig);
    await expect(lookup.causedBy(randomUUID(), randomUUID())).resolves.toBeNull();
  });
});
