import type { MessageEnvelope } from '@checkout/contracts';
import { ConfirmPublisher, deadLetterQueueName, MessagingModule, retryQueueName } from '@checkout/messaging';
import { connectInboxTransport, Inbox, type InboxOutcome, OutboxModule, type TransactionalHandler } from '@checkout/outbox';
import { DatabaseModule, DatabaseService, PlatformModule } from '@checkout/platform';
import { dropTestDatabase, TEST_AMQP_URL, testAdminUrl, testDatabaseUrl, uniqueName } from '@checkout/platform/testing';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import amqplib from 'amqplib';
import { randomBytes } from 'node:crypto';
import { catalogSubscriptions } from '../catalog.subscriptions';
import { loadCatalogConfig } from '../config';
import { catalogDatabase } from '../database.options';
import { ProductsModule } from '../products/products.module';
import { Reservation } from '../reservations/reservation.entity';
import { ReserveStockHandler } from '../reservations/reserve-stock.handler';
import { reservationRequested } from './catalog-messages';

/** Short, so that a failing handler reaches the dead-letter queue within a test. */
const RETRY_DELAYS_MS = [50, 100];
const TEST_ROLE = 'catalog_svc_test';

export interface StockRow {
  onHand: number;
  reserved: number;
  version: number;
}

/**
 * The catalog service as AppModule wires it (same migrations, entities, modules and
 * subscriptions), on a database, an exchange and a queue of its own, dropped by `close()`.
 */
export class CatalogTestApp {
  private constructor(
    readonly app: INestApplication,
    private readonly database: string,
    private readonly exchange: string,
    readonly queue: string,
  ) {}

  static async start(): Promise<CatalogTestApp> {
    const database = uniqueName('catalog');
    const exchange = uniqueName('test.catalog');
    const queue = uniqueName('catalog-svc');
    const config = loadCatalogConfig({
      DATABASE_URL: testDatabaseUrl(TEST_ROLE, database),
      DATABASE_ADMIN_URL: testAdminUrl(database),
      // A throwaway test process provisions its own database as it starts; a service never does.
      DATABASE_MIGRATE_ON_START: 'true',
      AMQP_URL: TEST_AMQP_URL,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ serviceName: 'catalog-test' }),
        DatabaseModule.forRoot(catalogDatabase(config)),
        MessagingModule.forRoot({ url: config.AMQP_URL, connectionName: 'catalog-test', exchange, retryDelaysMs: RETRY_DELAYS_MS }),
        OutboxModule.forRoot({ schema: 'catalog', pollIntervalMs: 200 }),
        ProductsModule,
        catalogSubscriptions(queue),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? undefined : false });
    const transport = await connectInboxTransport(app);
    await app.init();
    await app.get(DatabaseService).ready;
    await transport.started;
    return new CatalogTestApp(app, database, exchange, queue);
  }

  async close(): Promise<void> {
    await this.app.close();
    await dropTestDatabase(this.database);
    await deleteTopology(this.exchange, this.queue);
  }

  /** Runs a handler exactly as the consumer does: inside the inbox's transaction. */
  deliver<P>(handler: Type<TransactionalHandler<P>>, envelope: MessageEnvelope<P>): Promise<InboxOutcome> {
    const instance = this.app.get(handler);
    return this.app.get(Inbox).runOnce(this.queue, envelope, (tx) => instance.handle(envelope, tx));
  }

  /** Publishes to the broker, for the consumer to pick up like any other message. */
  publish(routingKey: string, envelope: MessageEnvelope): Promise<void> {
    return this.app.get(ConfirmPublisher).publish(routingKey, envelope);
  }

  /** What the catalog enqueued in reply to a message, oldest first. */
  async repliesTo(envelope: MessageEnvelope): Promise<MessageEnvelope[]> {
    const rows: { envelope: MessageEnvelope }[] = await this.query(
      `SELECT envelope FROM catalog.outbox WHERE envelope->>'causationId' = $1 ORDER BY id`,
      [envelope.messageId],
    );
    return rows.map((row) => row.envelope);
  }

  /** The replies to many requests in one query (a thousand `repliesTo` calls would crowd the pool). */
  async repliesToAll(envelopes: readonly MessageEnvelope[]): Promise<MessageEnvelope[]> {
    const rows: { envelope: MessageEnvelope }[] = await this.query(
      `SELECT envelope FROM catalog.outbox WHERE envelope->>'causationId' = ANY($1::text[]) ORDER BY id`,
      [envelopes.map((envelope) => envelope.messageId)],
    );
    return rows.map((row) => row.envelope);
  }

  /** A product of its own for one scenario, so no test depends on another's stock. */
  async addProduct(product: { onHand: number; unitAmount?: number; name?: string }): Promise<string> {
    const sku = `T-${randomBytes(4).toString('hex').toUpperCase()}`;
    await this.query(`INSERT INTO catalog.products (sku, name, unit_amount, currency, on_hand) VALUES ($1, $2, $3, 'GBP', $4)`, [
      sku,
      product.name ?? `Test product ${sku}`,
      product.unitAmount ?? 1000,
      product.onHand,
    ]);
    return sku;
  }

  /** A checkout holding `qty` of a product of its own with 10 on hand, reserved the real way. */
  async holding(qty: number): Promise<{ sku: string; checkoutId: string; reservationId: string }> {
    const sku = await this.addProduct({ onHand: 10 });
    const request = reservationRequested([{ sku, qty }]);
    await this.deliver(ReserveStockHandler, request);
    const reservation = await this.reservationOf(request.payload.checkoutId);
    return { sku, checkoutId: request.payload.checkoutId, reservationId: reservation?.id ?? '' };
  }

  async stockOf(sku: string): Promise<StockRow> {
    const [row] = await this.query<StockRow>(`SELECT on_hand AS "onHand", reserved, version FROM catalog.products WHERE sku = $1`, [sku]);
    return row;
  }

  reservationOf(checkoutId: string): Promise<Reservation | null> {
    return this.app.get(DatabaseService).dataSource.manager.findOneBy(Reservation, { checkoutId });
  }

  query<Row = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    return this.app.get(DatabaseService).dataSource.query(sql, parameters);
  }
}

/** Deletes the test's queues (work, retry, dead-letter) and exchange, so nothing piles up. */
async function deleteTopology(exchange: string, queue: string): Promise<void> {
  const connection = await amqplib.connect(TEST_AMQP_URL);
  try {
    const channel = await connection.createChannel();
    const queues = [queue, deadLetterQueueName(queue), ...RETRY_DELAYS_MS.map((delay) => retryQueueName(queue, delay))];
    for (const name of queues) await channel.deleteQueue(name);
    await channel.deleteExchange(exchange);
  } finally {
    await connection.close();
  }
}
