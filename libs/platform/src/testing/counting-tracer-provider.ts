import type { Context, Span, SpanOptions, Tracer, TracerProvider } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider as SdkTracerProvider } from '@opentelemetry/sdk-trace';

/**
 * An SDK tracer provider (recording into `exporter`) that also counts every span started
 * through it, recorded or not: what a test of a hot path checks to show that a span it should
 * not build was not even started.
 */
export class CountingTracerProvider implements TracerProvider {
  readonly exporter = new InMemorySpanExporter();
  started = 0;
  private readonly sdk = new SdkTracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: this.exporter })] });

  getTracer(name: string, version?: string): Tracer {
    const inner = this.sdk.getTracer(name, version);
    const count = () => this.started++;
    return {
      startSpan(spanName: string, options?: SpanOptions, context?: Context): Span {
        count();
        return inner.startSpan(spanName, options, context);
      },
      startActiveSpan: ((...args: Parameters<Tracer['startActiveSpan']>) => {
        count();
        return (inner.startActiveSpan as (...a: unknown[]) => unknown)(...args);
      }) as Tracer['startActiveSpan'],
    };
  }
}
