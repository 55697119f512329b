import type { CheckoutTraceView, TraceSpanView } from '@checkout/contracts/views';
import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import { eventually } from '@checkout/platform/testing';
import { CheckoutApi } from './support/checkout-api';
import { startedCluster } from './support/started-cluster';
import type { TestCluster } from './support/test-cluster';

const SERVICES = ['bff-web', 'checkout-orchestrator', 'catalog-svc', 'payments-svc', 'psp-sandbox'];

describe('the trace of a checkout', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;

  beforeAll(async () => {
    cluster = await startedCluster();
    api = new CheckoutApi(cluster);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  async function payClick(scenario: string): Promise<string> {
    const response = await fetch(`${cluster.urlOf('bff-web')}/api/demo/saga/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario }),
    });
    expect(response.status).toBe(202);
    return ((await response.json()) as { checkoutId: string }).checkoutId;
  }

  /** The kept trace once `complete` holds for it (spans arrive in batches, service by service). */
  function traceWhen(checkoutId: string, complete: (spans: readonly TraceSpanView[]) => boolean) {
    return eventually(async () => {
      const response = await fetch(`${cluster.urlOf('bff-web')}/api/demo/saga/${checkoutId}/trace`);
      if (response.status !== 200) return undefined;
      const body = (await response.json()) as CheckoutTraceView;
      // Each service exports its spans in batches of its own, so a child can arrive before its
      // parent: wait until every parent has arrived too (a link that never resolves times out).
      return complete(body.spans) && parentsArrived(body.spans) ? body : undefined;
    }, 30_000, `trace of ${checkoutId}, every parent span arrived`);
  }

  const names = (spans: readonly TraceSpanView[]) => spans.map((span) => span.name);
  const hasAll = (spans: readonly TraceSpanView[], wanted: string[]) => wanted.every((name) => names(spans).includes(name));
  const byId = (spans: readonly TraceSpanView[]) => new Map(spans.map((span) => [span.spanId, span]));
  const parentsArrived = (spans: readonly TraceSpanView[]) => {
    const ids = byId(spans);
    return spans.every((span) => span.parentSpanId === null || ids.has(span.parentSpanId));
  };

  describe('a checkout that is paid', () => {
    it('is one trace from the Pay click to Completed, through every service and the sandbox, with intact parent links', async () => {
      const checkoutId = await payClick('happy');
      await api.settleSold(checkoutId);
      const { traceId, spans } = await traceWhen(checkoutId, (all) =>
        hasAll(all, ['handle PaymentCompleted', 'handle StockCommitRequested']) && SERVICES.every((s) => all.some((span) => span.service === s)),
      );

      expect(spans.every((span) => span.traceId === traceId)).toBe(true);
      expect(new Set(spans.map((span) => span.service))).toEqual(new Set(SERVICES));
      // One root (the edge's request), and every other span's parent is in the trace.
      const ids = byId(spans);
      const roots = spans.filter((span) => span.parentSpanId === null);
      expect(roots.map((span) => span.service)).toEqual(['bff-web']);
      expect(spans.filter((span) => span.parentSpanId !== null && !ids.has(span.parentSpanId))).toEqual([]);

      // Across the outbox: each consumer span is the child of the relay's publish span of the same
      // message type, and each publish continues a span of the service that enqueued it.
      for (const type of ['StockReservationRequested', 'StockReserved', 'PaymentSessionRequested', 'PaymentSessionCreated', 'PaymentCompleted', 'StockCommitRequested']) {
        const handled = spans.find((span) => span.name === `handle ${type}`);
        expect(handled).toBeDefined();
        const publish = ids.get(handled!.parentSpanId!);
        expect(publish?.name).toBe(`publish ${type}`);
        expect(ids.get(publish!.parentSpanId!)?.service).toBe(publish!.service);
      }
      // The waits show as spans, marked for the waterfall.
      expect(spans.some((span) => span.name === 'outbox wait StockReservationRequested' && span.attributes['checkout.wait'] === 'outbox')).toBe(true);
      expect(spans.some((span) => span.name === 'queue wait StockReservationRequested' && span.attributes['checkout.wait'] === 'queue')).toBe(true);
      // The webhook is handled by payments in this trace, under the sandbox's delivery.
      // (payments calls the sandbox, never the reverse, except for the webhook.)
      const calledBySandbox = spans.filter((span) => span.service === 'payments-svc' && ids.get(span.parentSpanId!)?.service === 'psp-sandbox');
      expect(calledBySandbox.map((span) => span.name)).toEqual([expect.stringMatching(/^POST/)]);
      // Nothing a visitor should not see: no SQL text, no full URLs.
      expect(spans.some((span) => 'db.statement' in span.attributes || 'db.query.text' in span.attributes || 'url.full' in span.attributes)).toBe(false);
    });
  });

  describe('a checkout whose payment is declined', () => {
    it("includes the compensation in the checkout's trace", async () => {
      const checkoutId = await payClick('payment-declined');
      await api.settle(checkoutId);
      const { spans } = await traceWhen(checkoutId, (all) => hasAll(all, ['handle PaymentFailed', 'handle StockReleaseRequested', 'handle StockReleased']));
      const ids = byId(spans);
      const release = spans.find((span) => span.name === 'handle StockReleaseRequested')!;
      expect(release.service).toBe('catalog-svc');
      expect(ids.get(release.parentSpanId!)?.name).toBe('publish StockReleaseRequested');
      expect(spans.filter((span) => span.parentSpanId === null)).toHaveLength(1);
    });
  });

  describe('a checkout started through the API, not chosen for tracing', () => {
    it('leaves no span in any service, while a Pay click after it is traced whole', async () => {
      // The cluster's ratio is 0 (TestCluster): no API checkout is chosen, every Pay click is.
      const { body } = await api.start([{ sku: 'DEMO-WIDGET', qty: 1 }], SANDBOX_PAYMENT_METHODS.pays);
      await api.settle(body.checkoutId);
      // Spans are exported in batches: once a later checkout's trace is in from every service,
      // any span of the first one would have arrived as well.
      const shop = await payClick('happy');
      await api.settle(shop);
      await traceWhen(shop, (all) => hasAll(all, ['handle StockCommitRequested']) && SERVICES.every((s) => all.some((span) => span.service === s)));

      expect((await fetch(`${cluster.urlOf('bff-web')}/api/demo/saga/${body.checkoutId}/trace`)).status).toBe(404);
    });
  });

  describe('a request for a trace', () => {
    it('answers 400 for an id that is not a checkout id and 404 for an unknown checkout', async () => {
      expect((await fetch(`${cluster.urlOf('bff-web')}/api/demo/saga/not-an-id/trace`)).status).toBe(400);
      expect((await fetch(`${cluster.urlOf('bff-web')}/api/demo/saga/${crypto.randomUUID()}/trace`)).status).toBe(404);
    });
  });
});
