import { InboxTransportModule } from '@checkout/outbox';
import type { DynamicModule } from '@nestjs/common';
import { CatalogMessageController } from './catalog.message.controller';
import { ProductsModule } from './products/products.module';
import { CommitStockHandler } from './reservations/commit-stock.handler';
import { ReleaseStockHandler } from './reservations/release-stock.handler';
import { ReservationsModule } from './reservations/reservations.module';
import { ReserveStockHandler } from './reservations/reserve-stock.handler';

/** The catalog's queue, named after the service. */
export const CATALOG_QUEUE = 'catalog-svc';

/**
 * The catalog's queue and its message controller (CatalogMessageController lists every
 * subscription). The queue is a parameter only so that tests can consume a queue of their own.
 */
export function catalogSubscriptions(queue: string = CATALOG_QUEUE): DynamicModule {
  return InboxTransportModule.register({
    queue,
    imports: [ProductsModule, ReservationsModule],
    controllers: [CatalogMessageController],
    providers: [ReserveStockHandler, ReleaseStockHandler, CommitStockHandler],
  });
}
