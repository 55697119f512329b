import { z } from 'zod';
import { ContractViolationError } from '../errors/contract-violation.error';
import { reasonsOf } from '../testing/reasons-of';
import { defineMessage } from './define-message';

const payload = z.strictObject({ checkoutId: z.uuid(), note: z.string().max(5) });
const base = {
  type: 'NoteTaken',
  kind: 'event',
  producer: 'checkout-orchestrator',
  consumers: ['bff-web'],
  payload,
  description: 'A note was taken.',
} as const;

describe('a message definition', () => {
  it('derives its routing key from its type and defaults to schema version 1', () => {
    const definition = defineMessage(base);
    expect(definition.routingKey).toBe('checkout.note-taken');
    expect(definition.schemaVersion).toBe(1);
  });

  it('keeps an explicit schema version', () => {
    expect(defineMessage({ ...base, schemaVersion: 3 }).schemaVersion).toBe(3);
  });

  it('cannot be changed after it is defined', () => {
    const definition = defineMessage(base);
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.consumers)).toBe(true);
  });

  it('returns a valid payload from parse', () => {
    const input = { checkoutId: '0b6f3c1e-8a5d-4f2b-9c7e-1d2a3b4c5d6e', note: 'hi' };
    expect(defineMessage(base).parse(input)).toEqual(input);
  });

  it('rejects a payload with a typed error naming the message', () => {
    const parse = () => defineMessage(base).parse({});
    expect(parse).toThrow(ContractViolationError);
    expect(parse).toThrow(
      expect.objectContaining({ code: 'CONTRACT.VIOLATION', messageType: 'NoteTaken' }),
    );
  });

  it('gives a reason for each bad field', () => {
    expect(reasonsOf(() => defineMessage(base).parse({ note: 'too long', extra: 1 }))).toEqual([
      'checkoutId: is required',
      'note: expected at most 5 characters',
      'extra: unknown field',
    ]);
  });

  it('refuses a command addressed to more than one consumer', () => {
    const define = () =>
      defineMessage({ ...base, kind: 'command', consumers: ['catalog-svc', 'payments-svc'] });
    expect(reasonsOf(define)).toEqual(['consumers: a command has exactly one consumer']);
  });

  it('refuses a type that is not PascalCase and a version below 1', () => {
    const define = () => defineMessage({ ...base, type: 'note-taken', schemaVersion: 0 });
    expect(reasonsOf(define)).toEqual([
      'type: expected PascalCase',
      'schemaVersion: expected a positive integer',
    ]);
  });

  it('refuses a producer listed among its own consumers', () => {
    const define = () => defineMessage({ ...base, consumers: ['checkout-orchestrator'] });
    expect(reasonsOf(define)).toEqual(['consumers: a service does not consume its own messages']);
  });
});
