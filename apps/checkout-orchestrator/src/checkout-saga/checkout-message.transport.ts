import { ConsumerRegistry, MessageTransport } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { ORCHESTRATOR_CONSUMER } from './apply-checkout-event.handler';

/**
 * The orchestrator's queue under its message controller. No inbox around the controller:
 * ApplyCheckoutEventHandler records the message in the same transaction as the saga row.
 * Consuming starts once the database is ready.
 */
@Injectable()
export class CheckoutMessageTransport extends MessageTransport {
  constructor(registry: ConsumerRegistry, database: DatabaseService) {
    super(registry, { queue: ORCHESTRATOR_CONSUMER, ready: database.ready });
  }
}
