import { type MessageEnvelope, ProviderCallRecorded } from '@checkout/contracts';
import { Outbox } from '@checkout/outbox';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const PROVIDER_OPERATIONS = {
  openSession: 'POST /v1/checkout/sessions',
  refund: 'POST /v1/refunds',
  retrieveSession: 'GET /v1/checkout/sessions/:id',
  retrieveIntent: 'GET /v1/payment_intents/:id',
  expireSession: 'POST /v1/checkout/sessions/:id/expire',
  webhook: (type: string) => `webhook ${type}`,
} as const;

/**
 * Records an HTTP exchange with the provider as a ProviderCallRecorded message, in the
 * transaction of its effect: it is published exactly when the effect commits. Only for a
 * checkout a visitor watches (`of`: the payment, or the request that opens it): the message
 * exists for the visitor's view, and a bulk API checkout has none, so it costs no outbox row
 * here and nothing at the edge (docs/decisions/0041).
 */
@Injectable()
export class ProviderCalls {
  constructor(private readonly outbox: Outbox) {}

  async record(tx: EntityManager, call: ProviderCallRecorded, of: { readonly watched?: boolean }, causedBy?: MessageEnvelope): Promise<void> {
    if (!of.watched) return;
    await this.outbox.enqueue(tx, ProviderCallRecorded, call, { correlationId: call.checkoutId, causedBy });
  }
}
