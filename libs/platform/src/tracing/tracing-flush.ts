// Nest-free on purpose: start-tracing.ts sets this before Nest is loaded.
let flush: (() => Promise<void>) | undefined;

/** Called by startTracing: how to export what is still buffered when the process stops. */
export function setTracingFlush(flushSpans: () => Promise<void>): void {
  flush = flushSpans;
}

/** Exports the spans still buffered; a no-op when tracing never started. */
export async function flushTracing(): Promise<void> {
  await flush?.().catch(() => undefined);
}
