import { CheckoutTransitioned, createEnvelope, type MessageEnvelope, StockReserved } from '@checkout/contracts';
import { Outbox, OutboxMetrics, OutboxSettings } from '@checkout/outbox';
import { MetricsService } from '@checkout/platform';
import { context } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { SagaTimers } from '../timers/saga-timers';
import { type CheckoutData, newCheckoutData } from './checkout-data';
import { CheckoutRepository } from './checkout.repository';
import { type SagaStep, SagaStepWriter } from './saga-step.writer';

/** A transaction that records its statements: what the writer would have the database do. */
function recordingTransaction() {
  const statements: { sql: string; params: unknown[] }[] = [];
  const tx = {
    queryRunner: { isTransactionActive: true },
    query: async (sql: string, params: unknown[] = []) => {
      statements.push({ sql, params });
      return [];
    },
  } as unknown as EntityManager;
  const outboxInserts = () => statements.filter((s) => s.sql.includes('INSERT INTO "checkout".outbox'));
  /** The outbox rows written, as the relay would publish them. */
  const enqueued = () => outboxInserts().flatMap((s) => (s.params[4] as string[]).map((json) => JSON.parse(json) as MessageEnvelope));
  return { tx, enqueued, outboxInserts };
}

const writer = () =>
  new SagaStepWriter(new Outbox(new OutboxSettings({ schema: 'checkout' }), new OutboxMetrics(new MetricsService('test'))), new SagaTimers(), new CheckoutRepository());

/** A checkout whose stock was just reserved, as the saga's data has it then. */
function reservedData(watched: boolean): CheckoutData {
  const checkoutId = randomUUID();
  const started = newCheckoutData(checkoutId, { items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa', watched });
  return { ...started, lines: [{ sku: 'DEMO-WIDGET', qty: 1, name: 'Demo Widget', unitAmount: 3999 }], amount: 3999, currency: 'GBP', reservationId: randomUUID() };
}

function stockReservedStep(data: CheckoutData): SagaStep {
  const { checkoutId, reservationId, lines, amount, currency } = data;
  const causedBy = createEnvelope(StockReserved, { checkoutId, reservationId: reservationId ?? '', lines: lines ?? [], amount: amount ?? 0, currency: currency ?? '' }, { correlationId: checkoutId });
  const base = { checkoutId, from: 'Initiated', to: 'StockReserved', event: 'StockReserved', compensation: false, arm: null, disarm: [] } as const;
  return { ...base, causeId: causedBy.messageId, causedBy, send: ['PaymentSessionRequested'], data, trace: context.active() };
}

describe('writing the saga step of a checkout a visitor watches', () => {
  it('sends the step’s messages, then one CheckoutTransitioned carrying the cause and what was sent', async () => {
    const { tx, enqueued } = recordingTransaction();
    const step = stockReservedStep(reservedData(true));
    await writer().write(tx, [step]);

    const [request, transitioned] = enqueued();
    expect(enqueued().map((message) => message.type)).toEqual(['PaymentSessionRequested', 'CheckoutTransitioned']);
    expect(request.payload).toMatchObject({ watched: true });
    expect(CheckoutTransitioned.parse(transitioned.payload)).toEqual({
      checkoutId: step.checkoutId,
      from: 'Initiated',
      to: 'StockReserved',
      event: 'StockReserved',
      compensation: false,
      at: expect.any(String),
      causedBy: step.causedBy,
      sent: [request],
    });
    expect(transitioned).toMatchObject({ correlationId: step.checkoutId, causationId: step.causeId, producer: 'checkout-orchestrator' });
  });

  it('says so for a step no message caused (a timer), with what it sent', async () => {
    const { tx, enqueued } = recordingTransaction();
    const data = { ...reservedData(true), paymentId: randomUUID() };
    const timedOut: SagaStep = {
      ...stockReservedStep(data),
      from: 'AwaitingPayment',
      to: 'ExpiringPayment',
      event: 'PaymentTimedOut',
      causeId: randomUUID(),
      causedBy: undefined,
      send: ['PaymentSessionExpiryRequested'],
    };
    await writer().write(tx, [timedOut]);

    const [expiry, transitioned] = enqueued();
    expect(transitioned.payload).toMatchObject({ from: 'AwaitingPayment', to: 'ExpiringPayment', event: 'PaymentTimedOut', causedBy: null, sent: [expiry] });
  });
});

describe('writing the saga step of a checkout nobody watches (an API checkout)', () => {
  it('sends the step’s messages and nothing for the edge', async () => {
    const { tx, enqueued } = recordingTransaction();
    await writer().write(tx, [stockReservedStep(reservedData(false))]);

    expect(enqueued().map((message) => message.type)).toEqual(['PaymentSessionRequested']);
    expect(enqueued()[0].payload).not.toHaveProperty('watched');
  });

  it('treats a checkout started before the flag existed as unwatched', async () => {
    const { tx, enqueued } = recordingTransaction();
    const { watched: _watched, ...before } = reservedData(true);
    await writer().write(tx, [stockReservedStep(before)]);

    expect(enqueued().map((message) => message.type)).toEqual(['PaymentSessionRequested']);
    expect(enqueued()[0].payload).not.toHaveProperty('watched');
  });
});

describe('writing a batch that mixes watched and unwatched checkouts', () => {
  it('writes every message in one statement and a CheckoutTransitioned for the watched one alone', async () => {
    const { tx, enqueued, outboxInserts } = recordingTransaction();
    const watched = stockReservedStep(reservedData(true));
    const unwatched = stockReservedStep(reservedData(false));
    await writer().write(tx, [unwatched, watched]);

    expect(enqueued().map((message) => [message.type, message.correlationId])).toEqual([
      ['PaymentSessionRequested', unwatched.checkoutId],
      ['PaymentSessionRequested', watched.checkoutId],
      ['CheckoutTransitioned', watched.checkoutId],
    ]);
    expect(outboxInserts()).toHaveLength(1);
  });
});
