// Imported first by main.ts: OpenTelemetry must patch http, Nest and the clients named here
// before anything requires them.
import { startTracing } from '@checkout/platform/tracing';

// No client beyond HTTP: its webhooks go out through node:http, which the HTTP instrumentation traces.
startTracing('psp-sandbox');
