import type { z } from 'zod';
import type { Participant } from '../participants/participant';

/** A command asks one service to act; an event tells whoever listens that something happened. */
export type MessageKind = 'command' | 'event';

/** Everything known about one message type: who sends it, who handles it, what it carries. */
export interface MessageDefinition<Type extends string = string, Payload = unknown> {
  readonly type: Type;
  readonly kind: MessageKind;
  readonly producer: Participant;
  /** The services whose queues are bound to it; none for an outcome published for whoever integrates. */
  readonly consumers: readonly Participant[];
  readonly schemaVersion: number;
  readonly routingKey: string;
  readonly description: string;
  readonly schema: z.ZodType<Payload>;
  /** Returns the validated payload or throws `ContractViolationError` listing every bad field. */
  parse(input: unknown): Payload;
}

/** The payload type of a definition: `PayloadOf<typeof StockReserved>`. */
export type PayloadOf<D> = D extends MessageDefinition<string, infer Payload> ? Payload : never;

/** The type name of a definition, as a string literal. */
export type TypeOf<D> = D extends MessageDefinition<infer Type, unknown> ? Type : never;
