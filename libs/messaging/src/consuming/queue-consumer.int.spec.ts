import { type MessageEnvelope, StockReservationRequested } from '@checkout/contracts';
import { createVhost, deleteVhost, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DeadLetterService } from '../dead-letters/dead-letter.service';
import { MessagingSettings } from '../messaging.settings';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { publishRaw, reservationRequest, startMessagingApp } from '../testing/messaging-test-app';
import { ConsumerRegistry } from './consumer-registry';
import type { ReceivedMessage } from './received-message';

describe('a queue consumer on a real RabbitMQ', () => {
  // Its own virtual host: deleting it removes every queue and exchange, even after a failure.
  const vhost = uniqueName('test_consumer');
  let amqpUrl: string;
  let app: INestApplication;
  let queue: string;
  let exchange: string;
  let handle: (envelope: MessageEnvelope) => Promise<void>;
  const handled: { envelope: MessageEnvelope; at: number }[] = [];
  /** The size of every batch the consumer handed over, in order. */
  const batches: number[] = [];
  /**
   * Like a transaction: a batch's effects count only if every message of it succeeded (a
   * failed batch's are "rolled back"), so a message is in `handled` once per commit.
   */
  const handleBatch = async (batch: readonly ReceivedMessage[]) => {
    batches.push(batch.length);
    const done: { envelope: MessageEnvelope; at: number }[] = [];
    for (const { envelope } of batch) {
      await handle(envelope);
      done.push({ envelope, at: Date.now() });
    }
    handled.push(...done);
  };

  beforeAll(async () => {
    amqpUrl = await createVhost(vhost);
    app = await startMessagingApp(amqpUrl);
    exchange = app.get(MessagingSettings).exchange;
    queue = uniqueName('test-consumer');
    await app.get(ConsumerRegistry).consume(queue, { messages: [StockReservationRequested], handle: (batch) => handleBatch(batch) });
  });

  beforeEach(() => {
    handled.length = 0;
    batches.length = 0;
    handle = async () => undefined;
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
    handle = async () => {
      attempts.push(Date.now());
      if (attempts.length < 3) throw new Error('database hiccup');
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

    handle = async () => undefined;
    const replay = await request(app.getHttpServer()).post('/ops/dead-letters/replay').send({ messageId: message.messageId });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ replayed: 1 });
    await eventually(() => handled.length === 1, 5000, 'replayed delivery');
    expect(handled[0].envelope.messageId).toBe(message.messageId);
    expect(await deadLetters()).toEqual([]);
  });

  describe('messages that arrive while a batch is being handled', () => {
    /** Holds the consumer in a first, slow batch while `messages` are published: they arrive as the next batch. */
    async function publishDuringABatch(messages: MessageEnvelope[]): Promise<void> {
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const blocker = reservationRequest();
      const inner = handle;
      handle = async (envelope) => {
        if (envelope.messageId === blocker.messageId) await held;
        await inner(envelope);
      };
      await publish(blocker);
      await eventually(() => batches.length === 1, 5000, 'the first batch under way');
      for (const message of messages) await publish(message);
      await sleep(100); // all of them delivered, waiting for the batch to commit
      release();
    }

    it('takes them as one batch once the batch before it committed, and handles each once', async () => {
      const messages = Array.from({ length: 5 }, () => reservationRequest());
      await publishDuringABatch(messages);

      await eventually(() => handled.length === 6, 5000, 'every message');
      expect(batches).toEqual([1, 5]);
      expect(new Set(handled.map((h) => h.envelope.messageId)).size).toBe(6);
    });

    it('hands a failed batch over again one by one: the others are handled, the poison one alone goes through its retries to the dead-letter queue', async () => {
      const poison = reservationRequest();
      const good = Array.from({ length: 4 }, () => reservationRequest());
      let poisonAttempts = 0;
      handle = async (envelope) => {
        if (envelope.messageId !== poison.messageId) return;
        poisonAttempts++;
        throw new Error('this message always breaks its handler');
      };
      await publishDuringABatch([good[0], good[1], poison, good[2], good[3]]);

      const [letter] = await eventually(async () => {
        const letters = (await deadLetters()).filter((l) => l.messageId === poison.messageId);
        return letters.length > 0 && letters;
      }, 8000, 'the poison message dead-lettered');
      expect(batches.slice(0, 2)).toEqual([1, 5]);
      // The good ones were handled once each, on their own, right after the batch failed.
      const handledIds = handled.map((h) => h.envelope.messageId);
      for (const message of good) expect(handledIds.filter((id) => id === message.messageId)).toHaveLength(1);
      expect(handledIds).not.toContain(poison.messageId);
      // The poison message: in the batch, alone right after, then its three retries (each alone).
      expect(poisonAttempts).toBe(5);
      expect(letter).toMatchObject({ attempts: 4, reason: 'Error: this message always breaks its handler' });
      expect((await deadLetters()).map((l) => l.messageId)).toEqual([poison.messageId]);
      handle = async () => undefined; // fixed: a replay goes through
      await request(app.getHttpServer()).post('/ops/dead-letters/replay').send({ messageId: poison.messageId }).expect(200);
      await eventually(() => handled.some((h) => h.envelope.messageId === poison.messageId), 5000, 'poison replayed');
    });
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
