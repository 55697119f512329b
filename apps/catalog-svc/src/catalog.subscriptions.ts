import { StockCommitRequested, StockReleaseRequested, StockReservationRequested } from '@checkout/contracts';
import { InboxConsumerModule, on } from '@checkout/outbox';
import type { DynamicModule } from '@nestjs/common';
import { ProductsModule } from './products/products.module';
import { CommitStockHandler } from './reservations/commit-stock.handler';
import { ReleaseStockHandler } from './reservations/release-stock.handler';
import { ReservationsModule } from './reservations/reservations.module';
import { ReserveStockHandler } from './reservations/reserve-stock.handler';

/** The catalog's queue, named after the service. */
export const CATALOG_QUEUE = 'catalog-svc';

/**
 * Every message the catalog handles, and its handler. Each runs through the inbox, so its
 * stock change, the inbox record and its reply commit in one transaction. The queue is a
 * parameter only so that tests can consume a queue of their own.
 */
export function catalogSubscriptions(queue: string = CATALOG_QUEUE): DynamicModule {
  return InboxConsumerModule.register({
    queue,
    imports: [ProductsModule, ReservationsModule],
    subscriptions: [
      on(StockReservationRequested, ReserveStockHandler),
      on(StockReleaseRequested, ReleaseStockHandler),
      on(StockCommitRequested, CommitStockHandler),
    ],
  });
}
