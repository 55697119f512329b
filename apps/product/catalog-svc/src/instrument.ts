// Imported first by main.ts: OpenTelemetry must patch http, Nest, pg, amqplib and ioredis
// before anything requires them.
import { startTracing } from '@checkout/platform/tracing';

startTracing('catalog-svc');
