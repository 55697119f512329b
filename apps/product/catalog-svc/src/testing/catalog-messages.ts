import {
  createEnvelope,
  type MessageEnvelope,
  StockCommitRequested,
  StockReleaseRequested,
  StockReservationRequested,
} from '@checkout/contracts';
import { randomUUID } from 'node:crypto';

/** The orchestrator's commands to the catalog, as validated envelopes. */

export function reservationRequested(
  items: StockReservationRequested['items'],
  checkoutId: string = randomUUID(),
): MessageEnvelope<StockReservationRequested> {
  return createEnvelope(StockReservationRequested, { checkoutId, items }, { correlationId: checkoutId });
}

export function releaseRequested(checkoutId: string, reservationId: string | null): MessageEnvelope<StockReleaseRequested> {
  const payload = { checkoutId, reservationId, reason: 'payment declined' };
  return createEnvelope(StockReleaseRequested, payload, { correlationId: checkoutId });
}

export function commitRequested(checkoutId: string, reservationId: string): MessageEnvelope<StockCommitRequested> {
  return createEnvelope(StockCommitRequested, { checkoutId, reservationId }, { correlationId: checkoutId });
}
