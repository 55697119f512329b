// Imported first by main.ts: OpenTelemetry must patch http, Nest and the clients named here
// before anything requires them.
import { startTracing } from '@checkout/platform/tracing';

// Its database work is traced as batch steps (see TracedClient).
startTracing('catalog-svc', { clients: [] });
