import { createEnvelope, type MessageEnvelope, StockReleased, StockReservationRequested } from '@checkout/contracts';
import { createVhost, deleteVhost, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DeadLetterService } from '../dead-letters/dead-letter.service';
import { MessagingSettings } from '../messaging.settings';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { publishRaw, reservationRequest, startMessagingApp } from '../testing/messaging-test-app';
import { ConsumerRegistry } from './consumer-registry';
import { eachMessage } from './received-message';

describe('an observer queue beside a service’s own queue', () => {
  const vhost = uniqueName('test_observer');
  let amqpUrl: string;
  let app: INestApplication;
  let exchange: string;
  const serviceQueue = uniqueName('test-service');
  const observerQueue = uniqueName('test-observer');
  const served: string[] = [];
  const observed: string[] = [];
  let observe: (envelope: MessageEnvelope) => Promise<void>;

  beforeAll(async () => {
    amqpUrl = await createVhost(vhost);
    app = await startMessagingApp(amqpUrl);
    exchange = app.get(MessagingSettings).exchange;
    const registry = app.get(ConsumerRegistry);
    await registry.consume(serviceQueue, { messages: [StockReservationRequested], handle: eachMessage(async (e) => void served.push(e.messageId)) });
    await registry.observe(observerQueue, {
      routingKeys: ['#'],
      handle: async (batch) => {
        for (const envelope of batch) await observe(envelope);
      },
      prefetch: 8,
      messageTtlMs: 60_000,
      redeliverAfterMs: 200,
    });
  });

  beforeEach(() => {
    served.length = 0;
    observed.length = 0;
    observe = async (envelope) => void observed.push(envelope.messageId);
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
    }
  });

  const publish = (envelope: MessageEnvelope) => app.get(ConfirmPublisher).publish(envelope.type === StockReleased.type ? StockReleased.routingKey : StockReservationRequested.routingKey, envelope);
  const released = () => {
    const checkoutId = randomUUID();
    return createEnvelope(StockReleased, { checkoutId, reservationId: randomUUID() }, { correlationId: checkoutId });
  };

  it('sees a copy of every message on the exchange, and takes nothing from the service’s queue', async () => {
    const request = reservationRequest();
    const other = released(); // a type nobody here subscribes to
    await publish(request);
    await publish(other);

    await eventually(() => observed.length === 2 && served.length === 1, 5000, 'both copies');
    expect(new Set(observed)).toEqual(new Set([request.messageId, other.messageId]));
    expect(served).toEqual([request.messageId]);
  });

  it('gives a copy whose handler failed back to its queue, and handles it once that works', async () => {
    let failures = 2;
    observe = async (envelope) => {
      if (failures-- > 0) throw new Error('store away');
      observed.push(envelope.messageId);
    };
    const started = Date.now();
    const message = reservationRequest();
    await publish(message);

    await eventually(() => observed.length === 1, 5000, 'handled after redeliveries');
    expect(observed).toEqual([message.messageId]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 200); // waited before each redelivery
  });

  it('drops a copy it cannot read, dead-letters nothing of its own, and reads on', async () => {
    const brokenId = randomUUID();
    await publishRaw(amqpUrl, exchange, StockReleased.routingKey, '{"messageId": oops', brokenId);
    const good = released();
    await publish(good);

    await eventually(() => observed.includes(good.messageId), 5000, 'the next copy');
    await sleep(200);
    expect(observed).toEqual([good.messageId]);
    expect((await app.get(DeadLetterService).list()).map((letter) => letter.messageId)).not.toContain(brokenId);
  });
});
