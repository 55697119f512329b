import type { MessageDefinition, MessageEnvelope } from '@checkout/contracts';
import { ConfirmPublisher, deadLetterQueueName, MessagingModule, retryQueueName } from '@checkout/messaging';
import { connectInboxTransport, OutboxModule } from '@checkout/outbox';
import { DatabaseModule, DatabaseService, PlatformModule } from '@checkout/platform';
import { dropTestDatabase, TEST_AMQP_URL, testAdminUrl, testDatabaseUrl, uniqueName } from '@checkout/platform/testing';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import amqplib from 'amqplib';
import { loadPaymentsConfig } from '../config';
import { paymentsDatabase } from '../database.options';
import { PaymentsSubscriptions } from '../payments.subscriptions';
import { ProviderModule } from '../provider/provider.module';
import { WebhooksModule } from '../webhooks/webhooks.module';

export const TEST_WEBHOOK_SECRET = 'whsec_payments_test_secret_0000';
const RETRY_DELAYS_MS = [100, 200];

export interface OutboxMessage {
  readonly type: string;
  readonly causationId: string | null;
  readonly payload: Record<string, unknown>;
}

/**
 * payments-svc's modules on a database, an exchange and a queue of their own, talking to the
 * provider at `providerUrl`, with the raw body kept for the webhook as in main.ts.
 * The relay is off: a handler's guarantee ends at the outbox row, which is what tests read.
 */
export class PaymentsTestApp {
  private constructor(
    readonly app: INestApplication,
    private readonly database: string,
    private readonly exchange: string,
    private readonly queue: string,
  ) {}

  static async start(providerUrl: string): Promise<PaymentsTestApp> {
    const [database, exchange, queue] = [uniqueName('payments'), uniqueName('test.payments'), uniqueName('payments-svc')];
    const config = loadPaymentsConfig({
      DATABASE_URL: testDatabaseUrl('payments_svc', database),
      DATABASE_ADMIN_URL: testAdminUrl(database),
      // A throwaway test process provisions its own database as it starts; a service never does.
      DATABASE_MIGRATE_ON_START: 'true',
      AMQP_URL: TEST_AMQP_URL,
      PSP_API_URL: providerUrl,
      PSP_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ serviceName: 'payments-svc-test' }),
        DatabaseModule.forRoot(paymentsDatabase(config)),
        MessagingModule.forRoot({
          url: config.AMQP_URL,
          connectionName: 'payments-svc-test',
          exchange,
          retryDelaysMs: RETRY_DELAYS_MS,
        }),
        OutboxModule.forRoot({ schema: 'payments', relay: false }),
        ProviderModule.forRoot(config),
        PaymentsSubscriptions(queue),
        WebhooksModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ rawBody: true, logger: process.env.TEST_LOGS ? undefined : false });
    const transport = await connectInboxTransport(app);
    await app.init();
    await app.get(DatabaseService).ready;
    await transport.started;
    return new PaymentsTestApp(app, database, exchange, queue);
  }

  /** Delivers a message the way the orchestrator's relay would: through the broker. */
  publish(definition: MessageDefinition, envelope: MessageEnvelope): Promise<void> {
    return this.app.get(ConfirmPublisher).publish(definition.routingKey, envelope);
  }

  query<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.app.get(DatabaseService).dataSource.query(sql, parameters);
  }

  /** The replies and events a checkout caused, without the provider-call records (see providerCallsOf). */
  async outboxOf(checkoutId: string): Promise<OutboxMessage[]> {
    return (await this.allOutboxOf(checkoutId)).filter((message) => message.type !== 'ProviderCallRecorded');
  }

  /** The HTTP exchanges with the provider recorded for a checkout. */
  async providerCallsOf(checkoutId: string): Promise<Record<string, unknown>[]> {
    return (await this.allOutboxOf(checkoutId)).filter((m) => m.type === 'ProviderCallRecorded').map((m) => m.payload);
  }

  private async allOutboxOf(checkoutId: string): Promise<OutboxMessage[]> {
    const rows = await this.query<{ envelope: MessageEnvelope<Record<string, unknown>> }>(
      'SELECT envelope FROM payments.outbox WHERE correlation_id = $1 ORDER BY id',
      [checkoutId],
    );
    return rows.map(({ envelope }) => ({ type: envelope.type, causationId: envelope.causationId, payload: envelope.payload }));
  }

  async close(): Promise<void> {
    await this.app.close();
    await dropTestDatabase(this.database);
    const connection = await amqplib.connect(TEST_AMQP_URL);
    const channel = await connection.createChannel();
    const queues = [this.queue, deadLetterQueueName(this.queue), ...RETRY_DELAYS_MS.map((ms) => retryQueueName(this.queue, ms))];
    for (const queue of queues) await channel.deleteQueue(queue);
    await channel.deleteExchange(this.exchange);
    await connection.close();
  }
}
