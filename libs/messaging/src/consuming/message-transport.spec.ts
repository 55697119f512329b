import { createEnvelope, type MessageEnvelope, StockReservationRequested, StockReserved } from '@checkout/contracts';
import type { INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import type { ConsumerRegistry } from './consumer-registry';
import { MessageController } from './message-controller.decorator';
import type { Subscription } from './message-handler';
import { MessageTransport } from './message-transport';

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
  const consumed: { queue: string; subscriptions: readonly Subscription[] }[] = [];
  const registry = {
    consume: async (queue: string, subscriptions: readonly Subscription[]) => void consumed.push({ queue, subscriptions }),
  } as unknown as ConsumerRegistry;
  return { registry, consumed };
}

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
      const transport = new MessageTransport<string>(registry, { queue: 'stock' });
      app = await appWith(StockMessages, transport);
      await transport.started;

      expect(consumed).toHaveLength(1);
      expect(consumed[0].queue).toBe('stock');
      expect(consumed[0].subscriptions.map((s) => [s.message.type, s.message.routingKey])).toEqual([
        [StockReservationRequested.type, StockReservationRequested.routingKey],
        [StockReserved.type, StockReserved.routingKey],
      ]);
    });

    it('runs each message inside `settle`, handing the method the context it gives', async () => {
      const { registry, consumed } = fakeRegistry();
      const settled: string[] = [];
      const transport = new MessageTransport<string>(registry, {
        queue: 'stock',
        settle: async (envelope, invoke) => {
          settled.push(`before ${envelope.type}`);
          await invoke('the transaction');
          settled.push(`after ${envelope.type}`);
        },
      });
      app = await appWith(StockMessages, transport);
      await transport.started;
      const envelope = reservationRequested();

      await consumed[0].subscriptions[0].handler(envelope);

      expect(received).toEqual([{ envelope, context: 'the transaction' }]);
      expect(settled).toEqual([`before ${envelope.type}`, `after ${envelope.type}`]);
    });

    it('rejects with the very error the method threw, so the retry and dead-letter reason is the real one', async () => {
      const { registry, consumed } = fakeRegistry();
      const transport = new MessageTransport<string>(registry, { queue: 'stock' });
      app = await appWith(StockMessages, transport);
      await transport.started;

      const handling = consumed[0].subscriptions[1].handler(reservationRequested());

      await expect(handling).rejects.toBeInstanceOf(DomainRefusal);
      await expect(handling).rejects.toMatchObject({ message: 'the stock was released', code: 'TEST.REFUSED' });
    });

    it('starts consuming only once `ready` resolved', async () => {
      const { registry, consumed } = fakeRegistry();
      let open = (): void => undefined;
      const ready = new Promise<void>((resolve) => (open = resolve));
      const transport = new MessageTransport<string>(registry, { queue: 'stock', ready });
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
      const transport = new MessageTransport<string>(registry, { queue: 'stock' });
      await expect(appWith(UnknownMessage, transport)).rejects.toThrow("@EventPattern('NoSuchMessage') names no message in libs/contracts");
    });
  });

  describe('a controller using @MessagePattern (request and reply)', () => {
    it('fails start-up: messages here are events, nobody waits for a reply', async () => {
      const { registry } = fakeRegistry();
      const transport = new MessageTransport<string>(registry, { queue: 'stock' });
      await expect(appWith(RequestReply, transport)).rejects.toThrow('use @EventPattern, not @MessagePattern');
    });
  });
});
