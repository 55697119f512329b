import { z } from 'zod';
import { ContractViolationError } from '../errors/contract-violation.error';
import type { Participant } from '../participants/participant';
import { checkAgainst } from '../validation/check-against';
import type { DeepReadonly } from './deep-readonly.type';
import type { MessageDefinition, MessageKind } from './message-definition';
import { routingKeyFor } from './routing-key';

/** Payload schemas must be strict objects: a field the contract does not name is an error. */
export type PayloadSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

export interface MessageSpec<Type extends string, Schema extends PayloadSchema> {
  readonly type: Type;
  readonly kind: MessageKind;
  readonly producer: Participant;
  readonly consumers: readonly Participant[];
  /** Defaults to 1. Raise it when the payload changes in a way old consumers cannot read. */
  readonly schemaVersion?: number;
  readonly payload: Schema;
  readonly description: string;
}

/** Declares a message type; the result is frozen and is the single source of its contract. */
export function defineMessage<const Type extends string, Schema extends PayloadSchema>(
  spec: MessageSpec<Type, Schema>,
): MessageDefinition<Type, DeepReadonly<z.output<Schema>>> {
  type Payload = DeepReadonly<z.output<Schema>>;
  const schemaVersion = spec.schemaVersion ?? 1;
  assertWellFormed(spec, schemaVersion);
  // The parsed value is structurally the schema's output; readonly is a compile-time promise.
  const schema = spec.payload as unknown as z.ZodType<Payload>;
  return Object.freeze({
    type: spec.type,
    kind: spec.kind,
    producer: spec.producer,
    consumers: Object.freeze([...spec.consumers]),
    schemaVersion,
    routingKey: routingKeyFor(spec.type),
    description: spec.description,
    schema,
    parse(input: unknown): Payload {
      const result = checkAgainst(schema, input);
      if (!result.ok) throw new ContractViolationError(result.reasons, spec.type);
      return result.value;
    },
  });
}

function assertWellFormed(
  spec: MessageSpec<string, PayloadSchema>,
  schemaVersion: number,
): void {
  const problems: string[] = [];
  if (!/^[A-Z][A-Za-z0-9]*$/.test(spec.type)) problems.push('type: expected PascalCase');
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    problems.push('schemaVersion: expected a positive integer');
  }
  if (spec.consumers.includes(spec.producer)) {
    problems.push('consumers: a service does not consume its own messages');
  }
  // A command is a request to one service; two handlers would both act on it.
  if (spec.kind === 'command' && spec.consumers.length !== 1) {
    problems.push('consumers: a command has exactly one consumer');
  }
  if (spec.description.trim() === '') problems.push('description: is required');
  if (problems.length > 0) throw new ContractViolationError(problems, spec.type);
}
