// Imported first by main.ts: OpenTelemetry must patch http, Nest and the clients named here
// before anything requires them.
import { startTracing } from '@checkout/platform/tracing';

// A visitor's Pay click is traced whole, whatever the ratio for API checkouts: the shop page
// shows that trace. Its sampled flag travels with the checkout to every service.
// redis: the rate limits and the bridge; fetch: the upstream services, the agent, Prometheus.
startTracing('bff-web', { clients: ['redis', 'fetch'], alwaysTraced: ['POST /api/demo/saga/start'] });
