import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { eventually, sleep } from '@checkout/platform/testing';
import { connect } from 'amqplib';
import { CheckoutApi, HAPPY_PATH_ROWS } from './support/checkout-api';
import { readEvents, type SseEvent } from './support/sse-client';
import { TestCluster } from './support/test-cluster';

/** The edge's observer queue (apps/bff-web, CheckoutEventBridge). */
const BRIDGE_QUEUE = 'bff-web.bridge';

interface Row {
  id: string;
  name: string;
  transition: { from: string | null; to: string } | null;
}
const rowsOf = (events: SseEvent[]) => events.filter((e) => e.event === 'row').map((e) => JSON.parse(e.data) as Row);
const finalState = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'state').map((e) => JSON.parse(e.data) as { state: string; final: boolean }).find((v) => v.final);

describe('the edge copies only the checkouts a visitor watches', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;

  /** Messages waiting in the edge's queue, as the broker counts them (null: no such queue yet). */
  async function bridgeQueueDepth(): Promise<number | null> {
    const connection = await connect(cluster.amqpUrl);
    try {
      const channel = await connection.createChannel();
      // The broker closes the channel of a check for a queue that does not exist: heard here, answered below.
      channel.on('error', () => undefined);
      return (await channel.checkQueue(BRIDGE_QUEUE)).messageCount;
    } catch {
      return null;
    } finally {
      await connection.close().catch(() => undefined);
    }
  }

  /** What the edge took off its queue and handled, by message type, from its own metrics. */
  async function bridged(): Promise<Record<string, number>> {
    const text = await (await fetch(cluster.metricsUrlOf('bff-web'))).text();
    const counts: Record<string, number> = {};
    for (const [, labels, count] of text.matchAll(/^messages_consumed_total\{([^}]*)\} (\d+)$/gm)) {
      const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1];
      const type = label('type');
      if (label('queue') === BRIDGE_QUEUE && label('outcome') === 'handled' && type) counts[type] = (counts[type] ?? 0) + Number(count);
    }
    return counts;
  }

  beforeAll(async () => {
    cluster = await TestCluster.create();
    await Promise.all(cluster.startAll().map((service) => service.waitReady()));
    api = new CheckoutApi(cluster);
    // The edge declares its queue once connected; from then on the broker routes to it, edge or no edge.
    await eventually(async () => (await bridgeQueueDepth()) !== null, 30_000, 'the edge declared its queue');
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('puts nothing of a bulk API checkout in the edge’s queue, whatever its outcome', async () => {
    // With the edge away, whatever the broker routes to its queue stays there to be counted.
    await cluster.service('bff-web').stop();
    const orders = [
      api.start([{ sku: 'DEMO-WIDGET', qty: 1 }], PM.pays),
      api.start([{ sku: 'DEMO-WIDGET', qty: 1 }], PM.declined),
      api.start([{ sku: 'SOLD-OUT-GADGET', qty: 1 }], PM.pays),
    ];
    const started = await Promise.all(orders);
    const [paid, ...others] = started.map(({ body }) => body.checkoutId);
    await api.settleSold(paid);
    await Promise.all(others.map((checkoutId) => api.settle(checkoutId)));
    // The last messages (the outcomes) leave the outboxes within the relays' next pass.
    await sleep(1_500);

    expect(await bridgeQueueDepth()).toBe(0);
  });

  it('bridges a shop-page checkout to the visitor’s live stream, every row once and its transitions in the order the saga took them', async () => {
    await cluster.start('bff-web').waitReady();
    const edge = cluster.urlOf('bff-web');

    const started = await fetch(`${edge}/api/demo/saga/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: 'happy' }) });
    expect(started.status).toBe(202);
    const { checkoutId } = (await started.json()) as { checkoutId: string };
    const events = await readEvents(
      `${edge}/api/demo/saga/${checkoutId}/events`,
      (e) => finalState(e)?.state === 'Completed' && HAPPY_PATH_ROWS.every((name) => rowsOf(e).some((row) => row.name === name)),
      30_000,
    );

    const rows = rowsOf(events);
    expect(rows.map((row) => row.name).sort()).toEqual([...HAPPY_PATH_ROWS].sort());
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    // As they reached the stream: the first from the edge's own start request, the rest from
    // the orchestrator's steps, each on the row of the message that caused it.
    expect(rows.filter((row) => row.transition).map((row) => [row.name, row.transition?.from ?? null, row.transition?.to])).toEqual([
      ['POST /api/checkouts', null, 'Initiated'],
      ['StockReserved', 'Initiated', 'StockReserved'],
      ['PaymentSessionCreated', 'StockReserved', 'AwaitingPayment'],
      ['PaymentCompleted', 'AwaitingPayment', 'Completed'],
    ]);

    // What the (restarted) edge has read: this checkout's four saga steps and two provider
    // calls, nothing else. Counted once handled, which may be a moment after the rows showed.
    const expected = { CheckoutTransitioned: 4, ProviderCallRecorded: 2 };
    const countedAll = async () => {
      const read = await bridged();
      return Object.entries(expected).every(([type, count]) => read[type] === count);
    };
    // Not met in time: the assertion below says what differs.
    await eventually(countedAll, 5_000, 'the edge counted what it read').catch(() => undefined);
    expect(await bridged()).toEqual(expected);
  });
});
