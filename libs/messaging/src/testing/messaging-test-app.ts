import { createEnvelope, type MessageEnvelope, StockReservationRequested } from '@checkout/contracts';
import { PlatformModule } from '@checkout/platform';
import { uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import amqplib from 'amqplib';
import { randomUUID } from 'node:crypto';
import { MessagingModule } from '../messaging.module';
import { MessagingOptions } from '../messaging.settings';

/**
 * A Nest app with only the messaging layer, on `url` (the test's own virtual host, see
 * createVhost: deleting it afterwards removes every queue and exchange the test declared).
 */
export async function startMessagingApp(url: string, options: Partial<MessagingOptions> = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ serviceName: 'messaging-test' }),
      MessagingModule.forRoot({
        url,
        connectionName: 'messaging-test',
        exchange: uniqueName('test.exchange'),
        retryDelaysMs: [50, 100, 200],
        ...options,
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? undefined : false });
  await app.init();
  return app;
}

export function reservationRequest(checkoutId: string = randomUUID()): MessageEnvelope {
  return createEnvelope(StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
}

/** Publishes raw bytes, bypassing every check of ours: how a broken producer would. */
export async function publishRaw(url: string, exchange: string, routingKey: string, body: string | Buffer, messageId: string = randomUUID()) {
  const connection = await amqplib.connect(url);
  const channel = await connection.createConfirmChannel();
  channel.publish(exchange, routingKey, Buffer.isBuffer(body) ? body : Buffer.from(body), { persistent: true, messageId });
  await channel.waitForConfirms();
  await connection.close();
}
