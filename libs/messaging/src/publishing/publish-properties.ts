import type { MessageEnvelope } from '@checkout/contracts';
import type { Options } from 'amqplib';

/** AMQP properties mirroring the envelope, so tools that never parse the body can still route and trace. */
export function propertiesOf(
  envelope: Pick<MessageEnvelope, 'messageId' | 'correlationId' | 'type' | 'producer' | 'occurredAt' | 'traceparent'>,
): Options.Publish {
  return {
    persistent: true,
    contentType: 'application/json',
    messageId: envelope.messageId,
    correlationId: envelope.correlationId,
    type: envelope.type,
    appId: envelope.producer,
    timestamp: Math.floor(Date.parse(envelope.occurredAt) / 1000),
    headers: { traceparent: envelope.traceparent },
  };
}
