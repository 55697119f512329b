import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { withCheckoutId } from '../tracing/trace-context';
import { TraceAwareLogger } from './trace-aware.logger';

describe('a JSON log line', () => {
  const lines: string[] = [];
  let write: jest.SpyInstance;
  const logger = new TraceAwareLogger('test', { json: true });

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new TracerProvider());
  });

  beforeEach(() => {
    lines.length = 0;
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
  });

  afterEach(() => write.mockRestore());

  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('written inside a span of a checkout carries trace_id, span_id and checkout_id, also after an await', async () => {
    const span = trace.getTracer('test').startSpan('handle StockReserved');
    await context.with(trace.setSpan(context.active(), span), () =>
      withCheckoutId('c0ffee00-0000-4000-8000-000000000001', async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger.log('reserved');
      }),
    );
    span.end();
    expect(JSON.parse(lines[0])).toMatchObject({
      message: 'reserved',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
      checkout_id: 'c0ffee00-0000-4000-8000-000000000001',
    });
  });

  it('written inside an unsampled span has no trace ids: that trace exists nowhere', () => {
    const unsampled = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 0 });
    context.with(trace.setSpan(context.active(), unsampled), () => logger.log('connected'));
    expect(JSON.parse(lines[0])).not.toHaveProperty('trace_id');
  });

  it('written outside any trace has none of them', () => {
    logger.log('idle');
    const line = JSON.parse(lines[0]);
    expect(line.message).toBe('idle');
    expect(line).not.toHaveProperty('trace_id');
    expect(line).not.toHaveProperty('checkout_id');
  });
});
