// Imported first by main.ts: OpenTelemetry must patch http, Nest and the clients named here
// before anything requires them.
import { startTracing } from '@checkout/platform/tracing';

// fetch: the catalog client.
startTracing('checkout-orchestrator', { clients: ['fetch'] });
