import { type Context, context, propagation, type Span, type SpanOptions, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
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

  /** Makes this the process's tracer provider, with W3C propagation and async context, as a service runs. */
  install(): void {
    trace.setGlobalTracerProvider(this);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  }

  uninstall(): void {
    trace.disable();
    propagation.disable();
    context.disable();
  }

  /** Forgets the spans started and recorded so far. */
  reset(): void {
    this.started = 0;
    this.exporter.reset();
  }

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
