// Imported first by main.ts: OpenTelemetry must patch http, Nest, pg, amqplib and ioredis
// before anything requires them.
import { startTracing } from '@checkout/platform/tracing';

// A visitor's Pay click is traced whole, whatever the ratio for API checkouts: the shop page
// shows that trace. Its sampled flag travels with the checkout to every service.
startTracing('bff-web', ['POST /api/demo/saga/start']);
