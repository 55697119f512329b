import { type MessageEnvelope, StockReservationRequested } from '@checkout/contracts';
import { createVhost, deleteVhost, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DeadLetterService } from '../dead-letters/dead-letter.service';
import { MessagingSettings } from '../messaging.settings';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { publishRaw, reservationRequest, startMessagingApp } from '../testing/messaging-test-app';
import { ConsumerRegistry } from './consumer-registry';

describe('a queue consumer on a real RabbitMQ', () => {
  // Its own virtual host: deleting it removes every queue and exchange, even after a failure.
  const vhost = uniqueName('test_consumer');
  let amqpUrl: string;
  let app: INestApplication;
  let queue: string;
  let exchange: string;
  let handle: (envelope: MessageEnvelope) => Promise<void>;
  const handled: { envelope: MessageEnvelope; at: number }[] = [];

  beforeAll(async () => {
    amqpUrl = await createVhost(vhost);
    app = await startMessagingApp(amqpUrl);
    exchange = app.get(MessagingSettings).exchange;
    queue = uniqueName('test-consumer');
    await app.get(ConsumerRegistry).consume(queue, [
      { message: StockReservationRequested, handler: (envelope) => handle(envelope) },
    ]);
  });

  beforeEach(() => {
    handled.length = 0;
    handle = async (envelope) => void handled.push({ envelope, at: Date.now() });
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
    }
  });

  const publish = (envelope: MessageEnvelope) =>
    app.get(ConfirmPublisher).publish(StockReservationRequested.routingKey, envelope);
  const deadLetters = () => app.get(DeadLetterService).list();

  it('hands a valid message to its handler once and acks it', async () => {
    const message = reservationRequest();
    await publish(message);
    await eventually(() => handled.length === 1, 5000, 'delivery');
    await sleep(200);
    expect(handled.map((h) => h.envelope.messageId)).toEqual([message.messageId]);
  });

  it('retries a handler that fails transiently, with growing delays, until it succeeds', async () => {
    const attempts: number[] = [];
    handle = async (envelope) => {
      attempts.push(Date.now());
      if (attempts.length < 3) throw new Error('database hiccup');
      handled.push({ envelope, at: Date.now() });
    };
    await publish(reservationRequest());

    await eventually(() => handled.length === 1, 5000, 'eventual success');
    expect(attempts).toHaveLength(3);
    const [first, second, third] = attempts;
    expect(second - first).toBeGreaterThanOrEqual(45); // 50 ms retry queue
    expect(third - second).toBeGreaterThanOrEqual(95); // then 100 ms
    expect(await deadLetters()).toEqual([]);
  });

  it('dead-letters a message that fails every time, after the configured attempts, with the reason', async () => {
    let attempts = 0;
    handle = async () => {
      attempts++;
      throw new Error('card network down');
    };
    const message = reservationRequest();
    await publish(message);

    const [letter] = await eventually(async () => {
      const letters = await deadLetters();
      return letters.length > 0 && letters;
    }, 5000, 'dead letter');
    expect(attempts).toBe(4); // first delivery + 3 retries
    expect(letter).toMatchObject({
      queue,
      messageId: message.messageId,
      type: 'StockReservationRequested',
      attempts: 4,
      reason: 'Error: card network down',
    });

    handle = async (envelope) => void handled.push({ envelope, at: Date.now() });
    const replay = await request(app.getHttpServer()).post('/ops/dead-letters/replay').send({ messageId: message.messageId });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ replayed: 1 });
    await eventually(() => handled.length === 1, 5000, 'replayed delivery');
    expect(handled[0].envelope.messageId).toBe(message.messageId);
    expect(await deadLetters()).toEqual([]);
  });

  it('dead-letters a body that is not JSON at once, and keeps consuming what follows', async () => {
    const brokenId = '7d1c2c44-9a59-4c4e-9f5c-0d6b7b3d1a11';
    await publishRaw(amqpUrl, exchange, StockReservationRequested.routingKey, '{"messageId": oops', brokenId);
    const good = reservationRequest();
    await publish(good);

    await eventually(() => handled.length === 1, 5000, 'the next message');
    const letters = await eventually(async () => {
      const found = (await deadLetters()).filter((l) => l.messageId === brokenId);
      return found.length > 0 && found;
    }, 5000, 'dead letter');
    expect(letters[0].attempts).toBe(0);
    expect(letters[0].reason).toMatch(/^invalid JSON/);
    await request(app.getHttpServer()).post('/ops/dead-letters/replay').send({}).expect(200);
  });

  it('dead-letters a non-envelope sent straight to the (quorum) work queue, by the default exchange, with its reason', async () => {
    // How the chaos agent's poison message arrives: no exchange of ours, no routing key bound.
    const brokenId = '0f4e5b7a-3c1d-4e2f-8a9b-6c5d4e3f2a10';
    await publishRaw(amqpUrl, '', queue, '{"this is": not an envelope', brokenId);

    const [letter] = await eventually(async () => {
      const found = (await deadLetters()).filter((l) => l.messageId === brokenId);
      return found.length > 0 && found;
    }, 5000, 'dead letter');
    expect(handled).toEqual([]);
    expect(letter.reason).toMatch(/^invalid JSON/);
    await request(app.getHttpServer()).post('/ops/dead-letters/replay').send({}).expect(200);
  });

  it('dead-letters a message that breaks its contract at once, naming the broken fields', async () => {
    const bad = { ...reservationRequest(), payload: { checkoutId: 'nope', items: [{ sku: 'DEMO-WIDGET', qty: 0 }] } };
    await publishRaw(amqpUrl, exchange, StockReservationRequested.routingKey, JSON.stringify(bad), bad.messageId);

    const [letter] = await eventually(async () => {
      const found = (await deadLetters()).filter((l) => l.messageId === bad.messageId);
      return found.length > 0 && found;
    }, 5000, 'dead letter');
    expect(handled).toEqual([]);
    expect(letter.reason).toContain('contract violation');
    expect(letter.reason).toContain('payload.items.0.qty');
  });

  it('shows its queue and dead-letter depths on /metrics within seconds, with nobody asking readiness', async () => {
    // The contract-breaking message of the test above waits in the dead-letter queue.
    const depth = (text: string, metric: string) =>
      Number(new RegExp(`^${metric}\\{[^}]*queue="${queue}"[^}]*\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
    const metrics = await eventually(async () => {
      const text = (await request(app.getHttpServer()).get('/metrics')).text;
      return depth(text, 'dead_letter_queue_depth') >= 1 ? text : (await sleep(250), undefined);
    }, 8000, 'dead-letter depth on /metrics');
    expect(depth(metrics, 'queue_depth')).toBe(0);
  });

  it('answers 400 to a replay request that is not valid', async () => {
    const response = await request(app.getHttpServer()).post('/ops/dead-letters/replay').send({ messageId: 42 });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUEST.INVALID');
  });
});
