import { createEnvelope, type MessageEnvelope, StockReservationRequested, StockReserved } from '@checkout/contracts';
import type { INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import type { ConsumerRegistry } from './consumer-registry';
import { MessageController } from './message-controller.decorator';
import { BATCH, type InvokeBatch, MessageTransport, type MessageTransportOptions } from './message-transport';
import type { QueueSubscription, ReceivedMessage } from './received-message';

class DomainRefusal extends Error {
  readonly code = 'TEST.REFUSED';
}

const received: { envelope: MessageEnvelope; context: unknown }[] = [];

@MessageController()
class StockMessages {
  @EventPattern(StockReservationRequested.type)
  async reserve(@Payload() envelope: MessageEnvelope, @Ctx() context: unknown): Promise<void> {
    received.push({ envelope, context });
  }

  @EventPattern(StockReserved.type)
  async refuse(): Promise<void> {
    throw new DomainRefusal('the stock was released');
  }
}

const batchesReceived: { ids: string[]; context: unknown }[] = [];

@MessageController()
class BatchedStockMessages {
  @EventPattern(StockReservationRequested.type, BATCH)
  async reserve(@Payload() batch: readonly ReceivedMessage[], @Ctx() context: unknown): Promise<void> {
    batchesReceived.push({ ids: batch.map((each) => each.envelope.messageId), context });
  }
}

@MessageController()
class UnknownMessage {
  @EventPattern('NoSuchMessage')
  handle(): Promise<void> {
    return Promise.resolve();
  }
}

@MessageController()
class RequestReply {
  @MessagePattern(StockReservationRequested.type)
  handle(): Promise<void> {
    return Promise.resolve();
  }
}

/** Records what the transport asks the registry to consume, instead of a broker. */
function fakeRegistry() {
  const consumed: { queue: string; subscription: QueueSubscription }[] = [];
  const registry = {
    consume: async (queue: string, subscription: QueueSubscription) => void consumed.push({ queue, subscription }),
  } as unknown as ConsumerRegistry;
  return { registry, consumed };
}

/** Settles a batch by invoking its methods with a fixed context, as the inbox would with its transaction. */
const plainly: MessageTransportOptions<string>['settle'] = (batch, invoke: InvokeBatch<string>) => invoke(batch, 'the transaction');

const receivedAs = (envelope: MessageEnvelope): ReceivedMessage => ({ queue: 'stock', envelope, headers: {} });

async function appWith(controller: new () => object, transport: MessageTransport<string>): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ controllers: [controller] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.connectMicroservice({ strategy: transport });
  await app.startAllMicroservices();
  await app.init();
  return app;
}

function reservationRequested(): MessageEnvelope {
  const checkoutId = randomUUID();
  return createEnvelope(StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
}

describe('message controllers over the consumer', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    received.length = 0;
  });

  describe('a controller with @EventPattern methods', () => {
    it('subscribes its queue to exactly those messages, with their contracts’ routing keys', async () => {
      const { registry, consumed } = fakeRegistry();
      const transport = new MessageTransport<string>(registry, { queue: 'stock', settle: plainly });
      app = await appWith(StockMessages, transport);
      await transport.started;

      expect(consumed).toHaveLength(1);
      expect(consumed[0].queue).toBe('stock');
      expect(consumed[0].subscription.messages.map((message) => [message.type, message.routingKey])).toEqual([
        [StockReservationRequested.type, StockReservationRequested.routingKey],
        [StockReserved.type, StockReserved.routingKey],
      ]);
    });

    it('runs a whole batch inside one `settle`, calling the method for each message with the context it gives', async () => {
      const { registry, consumed } = fakeRegistry();
      const settled: string[] = [];
      const transport = new MessageTransport<string>(registry, {
        queue: 'stock',
        settle: async (batch, invoke) => {
          settled.push(`before ${batch.length}`);
          await invoke(batch, 'the transaction');
          settled.push(`after ${batch.length}`);
        },
      });
      app = await appWith(StockMessages, transport);
      await transport.started;
      const [first, second] = [reservationRequested(), reservationRequested()];

      await consumed[0].subscription.handle([receivedAs(first), receivedAs(second)]);

      expect(received).toEqual([
        { envelope: first, context: 'the transaction' },
        { envelope: second, context: 'the transaction' },
      ]);
      expect(settled).toEqual(['before 2', 'after 2']);
    });

    it('calls a BATCH method once with all of its messages of the batch, in delivery order', async () => {
      const { registry, consumed } = fakeRegistry();
      const transport = new MessageTransport<string>(registry, { queue: 'stock', settle: plainly });
      app = await appWith(BatchedStockMessages, transport);
      await transport.started;
      const [first, second] = [reservationRequested(), reservationRequested()];

      await consumed[0].subscription.handle([receivedAs(first), receivedAs(second)]);

      expect(batchesReceived).toEqual([{ ids: [first.messageId, second.messageId], context: 'the transaction' }]);
    });

    it('rejects with the very error the method threw, so the retry and dead-letter reason is the real one', async () => {
      const { registry, consumed } = fakeRegistry();
      const transport = new MessageTransport<string>(registry, { queue: 'stock', settle: plainly });
      app = await appWith(StockMessages, transport);
      await transport.started;

      const checkoutId = randomUUID();
      const refused = createEnvelope(StockReserved, { checkoutId, reservationId: randomUUID(), lines: [{ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 }], amount: 3999, currency: 'GBP' }, { correlationId: checkoutId });
      const handling = consumed[0].subscription.handle([receivedAs(refused)]);

      await expect(handling).rejects.toBeInstanceOf(DomainRefusal);
      await expect(handling).rejects.toMatchObject({ message: 'the stock was released', code: 'TEST.REFUSED' });
    });

    it('starts consuming only once `ready` resolved', async () => {
      const { registry, consumed } = fakeRegistry();
      let open = (): void => undefined;
      const ready = new Promise<void>((resolve) => (open = resolve));
      const transport = new MessageTransport<string>(registry, { queue: 'stock', settle: plainly, ready });
      app = await appWith(StockMessages, transport);
      await new Promise((resolve) => setImmediate(resolve));
      expect(consumed).toHaveLength(0);

      open();
      await transport.started;
      expect(consumed).toHaveLength(1);
    });
  });

  describe('a controller naming a message no contract defines', () => {
    it('fails start-up instead of binding the queue to nothing', async () => {
      const { registry } = fakeRegistry();
      const transport = new MessageTransport<string>(registry, { queue: 'stock', settle: plainly });
      await expect(appWith(UnknownMessage, transport)).rejects.toThrow("@EventPattern('NoSuchMessage') names no message in libs/contracts");
    });
  });

  describe('a controller using @MessagePattern (request and reply)', () => {
    it('fails start-up: messages here are events, nobody waits for a reply', async () => {
      const { registry } = fakeRegistry();
      const transport = new MessageTransport<string>(registry, { queue: 'stock', settle: plainly });
      await expect(appWith(RequestReply, transport)).rejects.toThrow('use @EventPattern, not @MessagePattern');
    });
  });
});
