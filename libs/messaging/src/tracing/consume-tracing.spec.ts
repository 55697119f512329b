import { currentCheckoutId } from '@checkout/platform';
import { CountingTracerProvider } from '@checkout/platform/testing';
import { context, trace } from '@opentelemetry/api';
import type { ReceivedMessage } from '../consuming/received-message';
import { handleInMessageTrace, PUBLISHED_AT_HEADER } from './consume-tracing';

const TRACE = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

function delivery(flags: '00' | '01'): ReceivedMessage {
  const checkoutId = 'a8f3c0b2-52f4-4a4c-9c76-0f2b9d4f1e10';
  return {
    queue: 'catalog.work',
    envelope: { messageId: 'c1', correlationId: checkoutId, type: 'StockReservationRequested', traceparent: 'unused' } as ReceivedMessage['envelope'],
    headers: { traceparent: `00-${TRACE.traceId}-${TRACE.spanId}-${flags}`, [PUBLISHED_AT_HEADER]: Date.now() - 5 },
  };
}

describe('handling a message in its trace', () => {
  const provider = new CountingTracerProvider();
  beforeAll(() => provider.install());
  afterAll(() => provider.uninstall());
  beforeEach(() => provider.reset());

  it('starts no span for a message whose trace was not sampled, and runs it in that trace with its checkout id', async () => {
    const seen = await handleInMessageTrace(delivery('00'), async () => ({
      checkoutId: currentCheckoutId(),
      traceId: trace.getSpanContext(context.active())?.traceId,
    }));
    expect(seen).toEqual({ checkoutId: 'a8f3c0b2-52f4-4a4c-9c76-0f2b9d4f1e10', traceId: TRACE.traceId });
    expect(provider.started).toBe(0);
  });

  it('records the queue wait and the handling of a message whose trace was sampled', async () => {
    await handleInMessageTrace(delivery('01'), async () => undefined);
    expect(provider.started).toBe(2);
    expect(provider.exporter.getFinishedSpans().map((span) => span.name).sort()).toEqual(['handle StockReservationRequested', 'queue wait StockReservationRequested']);
  });
});
