import { readEvents, type SseEvent } from './support/sse-client';
import { HAPPY_PATH_ROWS } from './support/checkout-api';
import { TestCluster } from './support/test-cluster';

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

describe('the public edge (bff-web)', () => {
  let cluster: TestCluster;
  let edge: string;

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
    await cluster.start('bff-web', { RATE_LIMIT_STARTS_PER_MINUTE: '8' }).waitReady();
    edge = cluster.urlOf('bff-web');
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('streams a finished checkout’s history to a page that opens late, every row with its transition', async () => {
    const { checkoutId } = (await (await start('happy')).json()) as { checkoutId: string };
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
    const events = await readEvents(`${edge}/api/demo/saga/${checkoutId}/events`, (e) => finalState(e)?.state === 'Cancelled' && rowsOf(e).some((r) => r.name === 'CheckoutCancelled'));
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

  it('limits how many checkouts one client starts: 429 with Retry-After', async () => {
    const answers: Response[] = [];
    for (let i = 0; i < 9; i++) answers.push(await start('out-of-stock'));
    const limited = answers.find((r) => r.status === 429);
    expect(limited).toBeDefined();
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited?.json()) as { code: string }).code).toBe('RATE_LIMITED');
  });
});
