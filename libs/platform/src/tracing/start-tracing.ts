import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { IncomingMessage } from 'node:http';
import { type AlwaysTracedRequests, ClusterSampler, samplerFromEnv } from './cluster.sampler';
import { setTracingFlush } from './tracing-flush';

// Probes and scrapes arrive every few seconds on every service; as traces they would bury
// the checkouts. The OTLP receiver's own intake is excluded so exporting never traces itself.
const UNTRACED_PATHS = /^\/(health|metrics|v1\/traces)(\/|\?|$)/;

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry for this process. Must run before `@nestjs/core`, `pg`, `amqplib` and
 * `ioredis` are first required, because the instrumentations patch those modules as they load:
 * each service's `main.ts` imports its `instrument.ts` (which calls this) on its first line.
 *
 * Everything else is the standard `OTEL_*` environment (endpoint, protocol, sampler, service
 * name), read by the SDK itself, so any collector, Jaeger or Tempo works unchanged.
 * `alwaysTraced` names requests (`POST /path`) whose traces are kept whatever the ratio.
 */
export function startTracing(serviceName: string, alwaysTraced: AlwaysTracedRequests = []): void {
  if (sdk || process.env.OTEL_SDK_DISABLED === 'true') return;
  process.env.OTEL_SERVICE_NAME ??= serviceName;
  sdk = new NodeSDK({
    // Traces only: metrics stay with prom-client's /metrics, and logs go to stdout as JSON.
    metricReaders: [],
    sampler: new ClusterSampler(samplerFromEnv(process.env), alwaysTraced),
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.test(request.url ?? ''),
      }),
      new UndiciInstrumentation(),
      new NestInstrumentation(),
      // A query or command outside any trace is a relay poll or a health probe: as a trace of
      // its own it would be noise, so only queries that belong to a traced operation count.
      // No span for taking a connection from the pool: one per transaction, and a wait for a
      // connection shows as the gap before the transaction's first statement.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      // No amqplib instrumentation: amqp-connection-manager publishes from its own queue (under
      // backpressure, after a reconnect), where the ambient context is another message's or
      // none. The relay and the consumer make their messaging spans from stored context instead.
    ],
  });
  sdk.start();
  const started = sdk;
  setTracingFlush(() => started.shutdown());
}
