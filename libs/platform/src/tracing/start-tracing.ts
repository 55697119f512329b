import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import type { IncomingMessage } from 'node:http';
import { type AlwaysTracedRequests, ClusterSampler, samplerFromEnv } from './cluster.sampler';
import { setTracingFlush } from './tracing-flush';

// Probes and scrapes arrive every few seconds on every service; as traces they would bury
// the checkouts. The OTLP receiver's own intake is excluded so exporting never traces itself.
const UNTRACED_PATHS = /^\/(health|metrics|v1\/traces)(\/|\?|$)/;

let sdk: NodeSDK | undefined;
let answeredUntraced: ((request: IncomingMessage) => boolean) | undefined;

/**
 * Requests this process answers without doing anything a span would show: the HTTP
 * instrumentation asks before it makes the request's server span, and skips it (and the
 * attributes, context and response hooks that come with it) when this says so. The
 * orchestrator's refusals under overload, thousands a second, are what it is for.
 */
export function answerUntraced(predicate: (request: IncomingMessage) => boolean): void {
  answeredUntraced = predicate;
}

/**
 * The clients a service uses beyond its HTTP server and Nest, each patched only where used.
 * Postgres is not among them: a batch's database work is traced as its steps (`inBatchSpan`:
 * the inbox transaction, the inbox and outbox inserts, the saga steps), each with its message
 * count, not as a span per statement. pg's instrumentation wrapped every statement, traced or
 * not, and at about sixty statements a checkout that was the larger part of what tracing
 * cost the 99 % of API checkouts that are never traced (docs/decisions/0048).
 */
export type TracedClient = 'redis' | 'fetch';

export interface TracingOptions {
  /**
   * Every instrumentation hooks each module the process loads to see whether it is the one it
   * patches: with all five, a start cost a third more CPU than with none (about 0.4 s a process).
   * So a service names the clients it has, and the others cost nothing.
   */
  clients?: readonly TracedClient[];
  /** Requests (`POST /path`) whose traces are kept whatever the ratio. */
  alwaysTraced?: AlwaysTracedRequests;
}

/**
 * Starts OpenTelemetry for this process. Must run before `@nestjs/core`, `pg`, `ioredis` and
 * undici (fetch) are first required, because the instrumentations patch those modules as they
 * load: each service's `main.ts` imports its `instrument.ts` (which calls this) on its first line.
 *
 * Everything else is the standard `OTEL_*` environment (endpoint, protocol, sampler, service
 * name), read by the SDK itself, so any collector, Jaeger or Tempo works unchanged.
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): void {
  if (sdk || process.env.OTEL_SDK_DISABLED === 'true') return;
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  sdk = new NodeSDK({
    // Traces only: metrics stay with prom-client's /metrics, and logs go to stdout as JSON.
    metricReaders: [],
    sampler: new ClusterSampler(samplerFromEnv(process.env), options.alwaysTraced ?? []),
    logRecordProcessors: [],
    instrumentations: instrumentationsFor(options.clients ?? []),
  });
  sdk.start();
  const started = sdk;
  setTracingFlush(() => started.shutdown());
}

/** Whether an incoming request gets no server span: probes, scrapes, and what `answerUntraced` names. */
export function leftUntraced(request: IncomingMessage): boolean {
  return UNTRACED_PATHS.test(request.url ?? '') || (answeredUntraced?.(request) ?? false);
}

/** Incoming and outgoing HTTP and Nest's handlers everywhere; the rest as `clients` says. */
export function instrumentationsFor(clients: readonly TracedClient[]): NodeSDKConfiguration['instrumentations'] {
  const instrumentations: NodeSDKConfiguration['instrumentations'] = [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: leftUntraced,
    }),
    new NestInstrumentation(),
  ];
  // A command outside any trace is a health probe: as a trace of its own it would be noise,
  // so only commands that belong to a traced operation count.
  if (clients.includes('redis')) instrumentations.push(new IORedisInstrumentation({ requireParentSpan: true }));
  if (clients.includes('fetch')) instrumentations.push(new UndiciInstrumentation());
  // No amqplib instrumentation: amqp-connection-manager publishes from its own queue (under
  // backpressure, after a reconnect), where the ambient context is another message's or
  // none. The relay and the consumer make their messaging spans from stored context instead.
  return instrumentations;
}
