import { readEvents, type SseEvent } from './support/sse-client';
import { HAPPY_PATH_ROWS } from './support/checkout-api';
import { TestCluster } from './support/test-cluster';
import { freePort } from '@checkout/platform/testing';

interface Row {
  id: string;
  name: string;
  from: string;
  to: string[];
  channel: string;
  transition: { from: string | null; to: string } | null;
  compensation: boolean;
}

const rowsOf = (events: SseEvent[]) => events.filter((e) => e.event === 'row').map((e) => JSON.parse(e.data) as Row);
const finalState = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'state').map((e) => JSON.parse(e.data) as { state: string; final: boolean }).find((v) => v.final);

/** Opens an event stream and hands back its response, still open, with a way to close it. */
async function openStream(url: string): Promise<{ response: Response; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  return { response, close: () => controller.abort() };
}

/** Reads a stream to its end (or `timeoutMs`); how long the server kept it open. */
async function heldOpenMs(response: Response, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const reader = response.body?.getReader();
  const deadline = setTimeout(() => void reader?.cancel(), timeoutMs);
  try {
    while (reader && !(await reader.read()).done);
  } catch {
    // cancelled at the deadline
  } finally {
    clearTimeout(deadline);
  }
  return Date.now() - started;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the public edge (bff-web)', () => {
  let cluster: TestCluster;
  let edge: string;
  let finishedCheckoutId: string;

  const start = (scenario: unknown, headers: Record<string, string> = {}) =>
    fetch(`${edge}/api/demo/saga/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ scenario }),
    });

  beforeAll(async () => {
    cluster = await TestCluster.create();
    cluster.startAll();
    await cluster.service('bff-web').stop();
    await Promise.all([...cluster.services.values()].filter((s) => s.name !== 'bff-web').map((s) => s.waitReady()));
    // A low start limit so the rate limit can be shown without hammering the cluster.
    await cluster
      .start('bff-web', {
        RATE_LIMIT_STARTS_PER_MINUTE: '8',
        // Small stream limits so the caps and the idle close can be shown quickly.
        EVENT_STREAMS_PER_CLIENT: '3',
        EVENT_STREAM_IDLE_SECONDS: '4',
      })
      .waitReady();
    edge = cluster.urlOf('bff-web');
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('streams a finished checkout’s history to a page that opens late, every row with its transition', async () => {
    const { checkoutId } = (await (await start('happy')).json()) as { checkoutId: string };
    finishedCheckoutId = checkoutId;
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the saga runs to the end meanwhile

    const events = await readEvents(`${edge}/api/demo/saga/${checkoutId}/events`, (e) => rowsOf(e).length >= HAPPY_PATH_ROWS.length && !!finalState(e));
    const rows = rowsOf(events);
    expect(rows.map((r) => r.name).sort()).toEqual([...HAPPY_PATH_ROWS].sort());
    expect(rows.find((r) => r.name === 'StockReserved')?.transition).toEqual({ from: 'Initiated', to: 'StockReserved' });
    expect(rows.find((r) => r.name === 'PaymentCompleted')?.transition).toEqual({ from: 'AwaitingPayment', to: 'Completed' });
    expect(rows.find((r) => r.name === 'POST /api/checkouts')).toMatchObject({ channel: 'http', from: 'bff-web', to: ['checkout-orchestrator'] });
    expect(finalState(events)?.state).toBe('Completed');
  });

  it('streams a running checkout live, compensation rows marked, and misses none', async () => {
    const started = await start('payment-declined');
    const { checkoutId } = (await started.json()) as { checkoutId: string };
    expect([started.status, checkoutId]).toEqual([202, expect.any(String)]);
    // Read until the last rows too: the final state can be read before the step that reached it
    // is bridged (StockReleased, with the CheckoutCancelled it sent).
    const lastRows = ['CheckoutCancelled', 'StockReleased'];
    const events = await readEvents(
      `${edge}/api/demo/saga/${checkoutId}/events`,
      (e) => finalState(e)?.state === 'Cancelled' && lastRows.every((name) => rowsOf(e).some((r) => r.name === name)),
    );
    const rows = rowsOf(events);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.filter((r) => r.compensation).map((r) => r.name).sort()).toEqual(['StockReleaseRequested', 'StockReleased']);
    expect(rows.map((r) => r.name)).toContain('PaymentFailed');
  });

  it('answers 400 to an unknown scenario and to a body that is not JSON, with no internals', async () => {
    const unknown = await start('free-money');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { code: string }).code).toBe('REQUEST.INVALID');
    const broken = await fetch(`${edge}/api/demo/saga/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenario":' });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/JSON at position|SyntaxError|node_modules/);
    expect((await fetch(`${edge}/api/demo/saga/not-a-uuid`)).status).toBe(400);
    expect((await fetch(`${edge}/api/demo/saga/7d1c2c44-9a59-4c4e-9f5c-0d6b7b3d1a11`)).status).toBe(404);
  });

  it('sends security headers with a strict content security policy', async () => {
    const response = await fetch(`${edge}/api/demo/config`);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('shows every service ready on the health endpoint', async () => {
    const health = (await (await fetch(`${edge}/api/demo/health`)).json()) as { services: { name: string; ready: boolean }[] };
    expect(health.services.map((s) => [s.name, s.ready])).toEqual([
      ['bff-web', true],
      ['checkout-orchestrator', true],
      ['catalog-svc', true],
      ['payments-svc', true],
      ['psp-sandbox', true],
    ]);
  });

  it('caps the event streams one client holds open (429 with Retry-After) and frees a slot when one closes', async () => {
    const url = `${edge}/api/demo/saga/${finishedCheckoutId}/events`;
    const held = [await openStream(url), await openStream(url), await openStream(url)];
    expect(held.map((stream) => stream.response.status)).toEqual([200, 200, 200]);
    const refused = await openStream(url);
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.response.json()) as { code: string }).code).toBe('STREAMS.TOO_MANY');

    held.pop()?.close();
    await sleep(300);
    const again = await openStream(url);
    expect(again.response.status).toBe(200);
    [...held, again].forEach((stream) => stream.close());
    await sleep(300);
  });

  it('closes an event stream that has carried nothing new for the idle time', async () => {
    const { response } = await openStream(`${edge}/api/demo/saga/${finishedCheckoutId}/events`);
    expect(response.status).toBe(200);
    const openMs = await heldOpenMs(response, 15_000);
    expect(openMs).toBeGreaterThanOrEqual(3_000);
    expect(openMs).toBeLessThan(10_000);
  });

  it('refuses a cross-site form post with 403, and a state change that is not JSON with 415', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const forged = await fetch(`${edge}/api/demo/saga/start`, { method: 'POST', headers: { ...form, origin: 'https://evil.example' }, body: 'scenario=happy' });
    expect([forged.status, ((await forged.json()) as { code: string }).code]).toEqual([403, 'REQUEST.CROSS_SITE']);
    const crossSite = await start('happy', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const notJson = await fetch(`${edge}/api/demo/saga/start`, { method: 'POST', headers: form, body: 'scenario=happy' });
    expect([notJson.status, ((await notJson.json()) as { code: string }).code]).toEqual([415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE']);
  });

  it('names what was wrong: a path parameter or a header, not the body', async () => {
    const badPath = await fetch(`${edge}/api/demo/saga/%ff%fe`);
    const pathBody = (await badPath.json()) as { code: string; message: string };
    expect([badPath.status, pathBody.code]).toEqual([400, 'REQUEST.BAD_PATH']);
    expect(pathBody.message).not.toMatch(/body|JSON/);
    const notUuid = (await (await fetch(`${edge}/api/demo/saga/not-a-uuid`)).json()) as { details: string[] };
    expect(notUuid.details).toEqual([expect.stringMatching(/^path parameter id:/)]);
  });

  it('serves no operator endpoint, no metrics and no X-Powered-By on the public port', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await fetch(`${edge}/ops/dead-letters`)).status).toBe(404);
    expect((await fetch(`${edge}/ops/dead-letters/replay`, { method: 'POST', headers: json, body: '{}' })).status).toBe(404);
    expect((await fetch(`${edge}/metrics`)).status).toBe(404);
    expect((await fetch(`${edge}/api/demo/order`)).headers.get('x-powered-by')).toBeNull();
    expect((await fetch(cluster.metricsUrlOf('bff-web'))).status).toBe(200);
  });

  it('shows visitors readiness and counts on the health API, and no internal address', async () => {
    const text = await (await fetch(`${edge}/api/demo/health`)).text();
    expect(text).not.toMatch(/https?:\/\/|127\.0\.0\.1|localhost/);
  });

  it('keeps answering its own /health/ready while the health API is flooded, which it limits', async () => {
    const flood = await Promise.all(Array.from({ length: 150 }, () => fetch(`${edge}/api/demo/health`).then((r) => r.status)));
    expect(flood).toContain(429);
    const readiness = await Promise.all(Array.from({ length: 20 }, () => fetch(`${edge}/health/ready`).then((r) => r.status)));
    expect(new Set(readiness)).toEqual(new Set([200]));
  });

  it('limits how many checkouts one client starts: 429 with Retry-After, whatever X-Forwarded-For it claims', async () => {
    const answers: Response[] = [];
    // No proxy is trusted by default: a new forwarded-for address per request is still one client.
    for (let i = 0; i < 9; i++) answers.push(await start('out-of-stock', { 'x-forwarded-for': `203.0.113.${i + 1}` }));
    const limited = answers.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited?.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });

  // Last: it leaves the edge without its counters.
  it('refuses chaos and operator actions with 503 and Retry-After while its counters cannot be counted, and reads and checkouts go on', async () => {
    await cluster.service('bff-web').stop();
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    // Not ready without Redis (it says so on /health/ready), but serving.
    await cluster.start('bff-web', { REDIS_URL: nowhere, OPS_TOKEN: 'e2e-operator-token-0123456789' }).waitFor((status) => status === 503);

    const chaos = await fetch(`${edge}/api/chaos/experiments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'kill-service', target: 'catalog-svc', seconds: 5 }) });
    const halt = await fetch(`${edge}/api/chaos/halt`, { method: 'POST' });
    const operator = await fetch(`${edge}/api/ops/operator`, { headers: { authorization: 'Bearer e2e-operator-token-0123456789' } });
    for (const refused of [chaos, halt, operator]) {
      expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([503, 'RATE_LIMITS.UNAVAILABLE']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await fetch(`${edge}/api/demo/order`)).status).toBe(200);
    expect((await start('happy')).status).toBe(202);
  });
});
