import {
  type EnvelopeOf,
  StockCommitRequested,
  StockReleaseRequested,
  StockReservationRequested,
} from '@checkout/contracts';
import { MessageController } from '@checkout/messaging';
import type { InboxContext } from '@checkout/outbox';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CommitStockHandler } from './reservations/commit-stock.handler';
import { ReleaseStockHandler } from './reservations/release-stock.handler';
import { ReserveStockHandler } from './reservations/reserve-stock.handler';

/**
 * Every message the catalog handles: its queue is bound to exactly these. Each runs through
 * the inbox, so its stock change, the inbox record and its reply commit in one transaction
 * (`inbox.tx`).
 */
@MessageController()
export class CatalogMessageController {
  constructor(
    private readonly reserveStock: ReserveStockHandler,
    private readonly releaseStock: ReleaseStockHandler,
    private readonly commitStock: CommitStockHandler,
  ) {}

  @EventPattern(StockReservationRequested.type)
  reserve(@Payload() message: EnvelopeOf<typeof StockReservationRequested>, @Ctx() inbox: InboxContext): Promise<void> {
    return this.reserveStock.handle(message, inbox.tx);
  }

  @EventPattern(StockReleaseRequested.type)
  release(@Payload() message: EnvelopeOf<typeof StockReleaseRequested>, @Ctx() inbox: InboxContext): Promise<void> {
    return this.releaseStock.handle(message, inbox.tx);
  }

  @EventPattern(StockCommitRequested.type)
  commit(@Payload() message: EnvelopeOf<typeof StockCommitRequested>, @Ctx() inbox: InboxContext): Promise<void> {
    return this.commitStock.handle(message, inbox.tx);
  }
}
