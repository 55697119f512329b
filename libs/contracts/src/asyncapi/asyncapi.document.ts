import { z } from 'zod';
import { MESSAGE_CATALOGUE } from '../catalogue';
import { messageEnvelopeSchema } from '../envelope/message-envelope';
import type { MessageDefinition } from '../messages/message-definition';
import { CHECKOUT_EXCHANGE } from '../messages/routing-key';
import type { Participant } from '../participants/participant';

type Json = Record<string, unknown>;

/**
 * The AsyncAPI 3.0 document of every checkout message, derived from the catalogue: one channel
 * per routing key on the topic exchange, a `send` operation for the producer and a `receive`
 * operation for each consumer, and each message's body as the envelope around its payload.
 * Nothing here is written by hand, so the document cannot say what the code does not.
 * `npm run docs:api` writes it to docs/api/asyncapi.json; a spec fails when that file drifts.
 */
export function asyncApiDocument(version: string): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};
  for (const definition of MESSAGE_CATALOGUE as readonly MessageDefinition[]) {
    const { type } = definition;
    messages[type] = messageComponent(definition);
    channels[type] = {
      address: definition.routingKey,
      title: type,
      messages: { [type]: { $ref: `#/components/messages/${type}` } },
      bindings: { amqp: exchangeBinding() },
    };
    const parties: [Participant, 'send' | 'receive'][] = [
      [definition.producer, 'send'],
      ...definition.consumers.map((consumer): [Participant, 'receive'] => [consumer, 'receive']),
    ];
    for (const [party, action] of parties) {
      operations[operationId(party, action, type)] = {
        action,
        title: `${party} ${action === 'send' ? 'publishes' : 'handles'} ${type}`,
        channel: { $ref: `#/channels/${type}` },
        messages: [{ $ref: `#/channels/${type}/messages/${type}` }],
        tags: [{ name: party }],
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Checkout cluster messages',
      version,
      description:
        'Every integration message of the checkout saga. Each is published persistent, with ' +
        'publisher confirms, from a transactional outbox to one topic exchange, and consumed ' +
        'through an idempotent inbox that de-duplicates on `messageId`.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: 'localhost:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ as `npm start` uses it; every environment sets its own AMQP_URL.',
      },
    },
    channels,
    operations,
    components: { messages, schemas: { Envelope: jsonSchemaOf(messageEnvelopeSchema) } },
  };
}

function messageComponent(definition: MessageDefinition): Json {
  const envelope = jsonSchemaOf(messageEnvelopeSchema);
  const properties = envelope['properties'] as Json;
  return {
    name: definition.type,
    title: definition.type,
    summary: definition.description,
    contentType: 'application/json',
    tags: [{ name: definition.kind }],
    correlationId: { location: '$message.payload#/correlationId' },
    payload: {
      ...envelope,
      properties: {
        ...properties,
        type: { const: definition.type },
        schemaVersion: { const: definition.schemaVersion },
        producer: { const: definition.producer },
        payload: jsonSchemaOf(definition.schema),
      },
    },
  };
}

function exchangeBinding(): Json {
  return {
    is: 'routingKey',
    exchange: { name: CHECKOUT_EXCHANGE, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
    bindingVersion: '0.3.0',
  };
}

function operationId(party: Participant, action: 'send' | 'receive', type: string): string {
  return `${party}.${action}.${type}`;
}

/** A zod schema as the JSON Schema AsyncAPI embeds (refinements are checked in code only). */
function jsonSchemaOf(schema: z.ZodType): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Json;
  return rest;
}
