import { CheckoutCancelled, CheckoutCompleted, CHECKOUT_EXCHANGE, createEnvelope } from '@checkout/contracts';
import { createVhost, deleteVhost, uniqueName } from '@checkout/platform/testing';
import amqplib from 'amqplib';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLoad } from './load-generator';

type Behaviour = (request: number) => 'complete' | 'cancel' | 'end-before-answer' | 'shed' | 'never-ends' | 'error';

/**
 * A stand-in orchestrator: answers POST /api/checkouts as told and publishes the checkout's end
 * on a real RabbitMQ exchange, the way the real one's outbox does.
 */
async function fakeOrchestrator(amqpUrl: string, behaviour: Behaviour, retryAfterSeconds = 0) {
  const connection = await amqplib.connect(amqpUrl);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(CHECKOUT_EXCHANGE, 'topic', { durable: true });
  const bodies: unknown[] = [];
  // Ends still being published or waiting to be: close() lets them finish first, so no confirm is
  // left to fail on a closed channel after the test that caused it.
  const inFlight = new Set<Promise<unknown>>();
  const timers = new Set<NodeJS.Timeout>();
  const track = (publishing: Promise<unknown>) => {
    const settled = publishing.catch(() => undefined).finally(() => inFlight.delete(settled));
    inFlight.add(settled);
    return publishing;
  };
  const publishEnd = (checkoutId: string, completed: boolean) => {
    const envelope = completed
      ? createEnvelope(CheckoutCompleted, { checkoutId, amount: 3999, currency: 'GBP' }, { correlationId: checkoutId })
      : createEnvelope(CheckoutCancelled, { checkoutId, reason: 'out of stock' }, { correlationId: checkoutId });
    const definition = completed ? CheckoutCompleted : CheckoutCancelled;
    channel.publish(CHECKOUT_EXCHANGE, definition.routingKey, Buffer.from(JSON.stringify(envelope)), { persistent: true });
    return track(channel.waitForConfirms());
  };
  let requests = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      bodies.push({ key: req.headers['idempotency-key'], at: performance.now(), ...JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const what = behaviour(requests++);
      const checkoutId = randomUUID();
      if (what === 'shed') return res.writeHead(503, { 'retry-after': String(retryAfterSeconds) }).end('{}');
      if (what === 'error') return res.writeHead(500).end('{}');
      if (what === 'end-before-answer') await publishEnd(checkoutId, true);
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ checkoutId, state: 'Initiated' }));
      if (what === 'complete' || what === 'cancel') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void publishEnd(checkoutId, what === 'complete');
        }, 20);
        timers.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(inFlight);
      await connection.close();
    },
  };
}

describe('the load generator', () => {
  const vhost = uniqueName('loadgen');
  let amqpUrl: string;

  beforeAll(async () => {
    amqpUrl = await createVhost(vhost);
  });
  afterAll(() => deleteVhost(vhost));

  it('keeps N checkouts in flight, follows each to its end and counts what was shed or failed', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, (n) => (n % 5 === 0 ? 'shed' : n % 5 === 1 ? 'cancel' : n % 10 === 2 ? 'error' : 'complete'));
    try {
      const report = await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 4 }, maxCheckouts: 50, maxDurationMs: 20_000, retryPauseMs: 1 }).done;
      expect(report).toMatchObject({ started: 50, failed: 0, inFlight: 0 });
      expect(report.shed).toBeGreaterThanOrEqual(10);
      // A 500 is sent again with the same key; the stand-in answers each request afresh.
      expect(report.retriedRequests).toBeGreaterThanOrEqual(5);
      expect(report.accepted + report.shed + report.failedRequests).toBe(50);
      expect(report.completed + report.cancelled).toBe(report.accepted);
      expect(report.latencyMs.postToEnd.count).toBe(report.accepted);
      expect(report.latencyMs.postToCompleted.count).toBe(report.completed);
      expect(report.latencyMs.postToCompleted.p50).toBeGreaterThanOrEqual(20);
    } finally {
      await orchestrator.close();
    }
  });

  it('sends each checkout with its own Idempotency-Key and the order mix asked for', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, () => 'complete');
    try {
      const orders = [
        { sku: 'DEMO-WIDGET', paymentMethod: 'pm_card_visa', weight: 1 },
        { sku: 'SOLD-OUT-GADGET', qty: 2, paymentMethod: 'pm_card_chargeDeclined', weight: 1 },
      ];
      await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 8 }, orders, maxCheckouts: 60, maxDurationMs: 20_000 }).done;
      const bodies = orchestrator.bodies as { key: string; items: { sku: string; qty: number }[]; paymentMethod: string }[];
      expect(new Set(bodies.map((body) => body.key)).size).toBe(60);
      expect(bodies).toContainEqual(expect.objectContaining({ items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' }));
      expect(bodies).toContainEqual(expect.objectContaining({ items: [{ sku: 'SOLD-OUT-GADGET', qty: 2 }], paymentMethod: 'pm_card_chargeDeclined' }));
    } finally {
      await orchestrator.close();
    }
  });

  it('stops at maxAccepted when shed requests are retried, and says why a request failed', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, (n) => (n >= 3 && n <= 6 ? 'error' : n % 2 === 0 ? 'shed' : 'complete'));
    try {
      const report = await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 1 }, maxCheckouts: 1_000, maxAccepted: 10, maxDurationMs: 20_000, retryPauseMs: 1 }).done;
      // Requests 3-6 answer 500: the first attempt and its three retries (same key) all fail.
      expect(report).toMatchObject({ accepted: 10, completed: 10, failedRequests: 1, retriedRequests: 3, inFlight: 0 });
      expect(report.shed).toBeGreaterThanOrEqual(10);
      expect(report.lastFailure).toMatch(/^HTTP 500/);
    } finally {
      await orchestrator.close();
    }
  });

  it('waits the Retry-After of a shed request before its slot tries again', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, (n) => (n === 0 ? 'shed' : 'complete'), 1);
    try {
      const report = await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 1 }, maxCheckouts: 2, maxDurationMs: 20_000, retryPauseMs: 1 }).done;
      expect(report).toMatchObject({ shed: 1, accepted: 1, completed: 1 });
      const [shed, next] = (orchestrator.bodies as { at: number }[]).map((body) => body.at);
      expect(next - shed).toBeGreaterThanOrEqual(1_000);
    } finally {
      await orchestrator.close();
    }
  });

  it('with a ramp, lets the closed loop slots join one after another rather than in one burst', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, () => 'never-ends');
    try {
      await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 4, rampMs: 1_200 }, maxCheckouts: 4, maxDurationMs: 20_000, drainMs: 0 }).done;
      const at = (orchestrator.bodies as { at: number }[]).map((body) => body.at - (orchestrator.bodies as { at: number }[])[0].at);
      expect(at).toHaveLength(4);
      // Slot i joins after i/4 of the ramp: 0, 300, 600 and 900 ms.
      expect(at[1]).toBeGreaterThanOrEqual(250);
      expect(at[2]).toBeGreaterThanOrEqual(550);
      expect(at[3]).toBeGreaterThanOrEqual(850);
    } finally {
      await orchestrator.close();
    }
  });

  it('sends a failed POST again with the same Idempotency-Key, so a lost answer starts no second checkout', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, (n) => (n === 0 ? 'error' : 'complete'));
    try {
      const report = await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 1 }, maxCheckouts: 1, maxDurationMs: 20_000, retryPauseMs: 1 }).done;
      expect(report).toMatchObject({ started: 1, accepted: 1, completed: 1, failedRequests: 0, retriedRequests: 1 });
      const keys = (orchestrator.bodies as { key: string }[]).map((body) => body.key);
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
    } finally {
      await orchestrator.close();
    }
  });

  it('counts an end that arrives before its POST is answered', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, () => 'end-before-answer');
    try {
      const report = await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 2 }, maxCheckouts: 10, maxDurationMs: 20_000, drainMs: 2_000 }).done;
      expect(report).toMatchObject({ accepted: 10, completed: 10, inFlight: 0 });
    } finally {
      await orchestrator.close();
    }
  });

  it('offers an open-loop rate whatever the answers, within its time bound', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, () => 'complete');
    try {
      const report = await startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'open', perSecond: 100 }, maxCheckouts: 10_000, maxDurationMs: 1_000 }).done;
      expect(report.started).toBeGreaterThanOrEqual(80); // a late last tick on a busy machine
      expect(report.started).toBeLessThanOrEqual(102);
      expect(report).toMatchObject({ completed: report.started, inFlight: 0 });
    } finally {
      await orchestrator.close();
    }
  });

  it('stops on stop() and reports checkouts that never ended as still in flight', async () => {
    const orchestrator = await fakeOrchestrator(amqpUrl, (n) => (n < 3 ? 'never-ends' : 'complete'));
    try {
      const run = startLoad({ orchestratorUrl: orchestrator.url, amqpUrl, arrivals: { kind: 'closed', inFlight: 5 }, maxCheckouts: 1_000_000, maxDurationMs: 60_000, drainMs: 300 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const report = await run.stop();
      expect(report.started).toBeLessThan(1_000_000);
      expect(report.inFlight).toBe(3);
      expect(report.completed).toBe(report.accepted - 3);
    } finally {
      await orchestrator.close();
    }
  });
});
