// Imported first by main.ts: OpenTelemetry must patch http, Nest and the clients named here
// before anything requires them.
import { startTracing } from '@checkout/platform/tracing';

// The Stripe client calls the provider over node's http, which is traced anyway.
startTracing('payments-svc', { clients: [] });
