import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MESSAGE_CATALOGUE, findMessageDefinition, parseMessage } from './catalogue';
import { PaymentFailed } from './checkout/payment-failed.event';
import { StockReservationFailed } from './checkout/stock-reservation-failed.event';
import { StockReserved } from './checkout/stock-reserved.event';
import { createEnvelope } from './envelope/create-envelope';
import { reasonsOf } from './testing/reasons-of';

const checkoutId = randomUUID();
// Messages arrive as JSON, so every test parses what the wire would carry.
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const stockReserved = createEnvelope(
  StockReserved,
  {
    checkoutId,
    reservationId: randomUUID(),
    lines: [{ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 }],
    amount: 3999,
    currency: 'GBP',
  },
  { correlationId: checkoutId, causationId: randomUUID() },
);

describe('parsing a message from the wire', () => {
  it('returns a valid StockReserved message unchanged', () => {
    expect(parseMessage(overTheWire(stockReserved))).toEqual(stockReserved);
  });

  it('accepts a StockReservationFailed that blames no particular SKU', () => {
    const failed = createEnvelope(
      StockReservationFailed,
      { checkoutId, reason: 'OUT_OF_STOCK', sku: null },
      { correlationId: checkoutId },
    );
    expect(parseMessage(overTheWire(failed))).toEqual(failed);
  });

  it('narrows the payload by message type', () => {
    const declined = createEnvelope(
      PaymentFailed,
      {
        checkoutId,
        paymentId: randomUUID(),
        reason: 'Your card was declined.',
        declineCode: 'card_declined',
      },
      { correlationId: checkoutId },
    );
    const message = parseMessage(overTheWire(declined));
    expect(message.type === 'PaymentFailed' && message.payload.declineCode).toBe('card_declined');
  });
});

describe('a message from the wire that breaks its contract', () => {
  const parse = (changes: Record<string, unknown>) => () =>
    parseMessage({ ...overTheWire(stockReserved) as object, ...changes });

  it('is refused with the envelope fields at fault', () => {
    expect(reasonsOf(parse({ messageId: 'abc', correlationId: undefined }))).toEqual([
      'messageId: expected a UUID',
      'correlationId: is required',
    ]);
  });

  it('is refused when its type is unknown', () => {
    expect(reasonsOf(parse({ type: 'StockTeleported' }))).toEqual([
      'type: unknown message type "StockTeleported"',
    ]);
  });

  it('is refused when its schema version is not the one this build reads', () => {
    expect(reasonsOf(parse({ schemaVersion: 2 }))).toEqual([
      'schemaVersion: expected 1 for StockReserved, received 2',
    ]);
  });

  it('is refused when it claims a producer that does not publish it', () => {
    expect(reasonsOf(parse({ producer: 'payments-svc' }))).toEqual([
      'producer: expected "catalog-svc", the only producer of StockReserved',
    ]);
  });

  it('is refused with payload reasons prefixed by "payload."', () => {
    const payload = { ...stockReserved.payload, currency: 'pounds', discount: 5 };
    expect(reasonsOf(parse({ payload }))).toEqual([
      'payload.currency: expected an ISO 4217 currency code such as "GBP"',
      'payload.discount: unknown field',
    ]);
  });

  it('is refused when it is correlated with another checkout', () => {
    expect(reasonsOf(parse({ correlationId: randomUUID() }))).toEqual([
      'correlationId: expected the same id as payload.checkoutId',
    ]);
  });
});

describe('the message catalogue', () => {
  it('holds each type, and so each routing key, once', () => {
    const types = MESSAGE_CATALOGUE.map((definition) => definition.type);
    const keys = MESSAGE_CATALOGUE.map((definition) => definition.routingKey);
    expect(new Set(types).size).toBe(MESSAGE_CATALOGUE.length);
    expect(new Set(keys).size).toBe(MESSAGE_CATALOGUE.length);
  });

  it.each(MESSAGE_CATALOGUE.map((definition) => [definition.type, definition] as const))(
    'puts the checkout id first in %s',
    (_type, definition) => {
      const { schema } = definition;
      expect(schema).toBeInstanceOf(z.ZodObject);
      expect(schema instanceof z.ZodObject && Object.keys(schema.shape)[0]).toBe('checkoutId');
    },
  );

  it('finds a definition by its type and nothing for an unknown type', () => {
    expect(findMessageDefinition('StockReserved')).toBe(StockReserved);
    expect(findMessageDefinition('StockTeleported')).toBeUndefined();
  });
});
