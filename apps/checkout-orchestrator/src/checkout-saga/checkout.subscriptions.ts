import {
  type CheckoutMessage,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentSessionCreated,
  PaymentSessionExpired,
  PaymentSessionFailed,
  RefundFailed,
  StockCommitted,
  StockReleased,
  StockReservationFailed,
  StockReserved,
} from '@checkout/contracts';
import { ConsumerRegistry } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ORCHESTRATOR_CONSUMER } from './apply-checkout-event.handler';
import { CheckoutMessageReceived } from './checkout-message-received.event';
import type { Outcome } from './checkout-state-machine';
import { Completion } from './completion';

/** Everything the orchestrator listens to: the replies of the services its saga drives. */
export const CHECKOUT_SUBSCRIPTIONS = [
  StockReserved,
  StockReservationFailed,
  StockReleased,
  StockCommitted,
  PaymentSessionCreated,
  PaymentSessionFailed,
  PaymentCompleted,
  PaymentFailed,
  PaymentSessionExpired,
  PaymentRefunded,
  RefundFailed,
] as const;

/**
 * Puts each message from the orchestrator's queue on the CQRS EventBus and acks it only once
 * the command it became has committed (or lets it be retried when that failed).
 */
@Injectable()
export class CheckoutMessageConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('CheckoutMessageConsumer');

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly eventBus: EventBus,
    private readonly database: DatabaseService,
  ) {}

  onApplicationBootstrap(): void {
    void this.start().catch((error) => this.logger.error(`could not start consuming: ${error}`));
  }

  private async start(): Promise<void> {
    await this.database.ready;
    await this.registry.consume(
      ORCHESTRATOR_CONSUMER,
      CHECKOUT_SUBSCRIPTIONS.map((message) => ({ message, handler: (envelope) => this.dispatch(envelope as CheckoutMessage) })),
    );
  }

  private async dispatch(message: CheckoutMessage): Promise<void> {
    const completion = new Completion<Outcome | undefined>();
    this.eventBus.publish(new CheckoutMessageReceived(message, completion));
    await completion.promise;
  }
}
