// The cluster under pm2: one process per service, restarted when it crashes.
// Exit code 78 (bad configuration) is not restarted: a restart cannot fix the environment.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const services = [
  ['psp-sandbox', 3004],
  ['catalog-svc', 3002],
  ['payments-svc', 3003],
  ['checkout-orchestrator', 3001],
  ['bff-web', 3000],
];

// Traces: every service exports OTLP/HTTP to bff-web's loopback receiver (4318, the OTLP/HTTP
// port), which keeps recent traces for the shop's trace view. Set OTEL_EXPORTER_OTLP_ENDPOINT
// to send them to a collector, Jaeger or Tempo instead; OTEL_TRACES_SAMPLER to sample.
const tracesEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318',
  ...(process.env.OTEL_TRACES_SAMPLER && { OTEL_TRACES_SAMPLER: process.env.OTEL_TRACES_SAMPLER }),
  ...(process.env.OTEL_TRACES_SAMPLER_ARG && { OTEL_TRACES_SAMPLER_ARG: process.env.OTEL_TRACES_SAMPLER_ARG }),
};

module.exports = {
  apps: services.map(([name]) => ({
    name,
    cwd: root,
    script: path.join(root, 'dist/apps', name, 'main.js'),
    node_args: '--enable-source-maps',
    autorestart: true,
    stop_exit_codes: [78],
    min_uptime: 5000,
    max_restarts: 50,
    exp_backoff_restart_delay: 200,
    kill_timeout: 8000,
    merge_logs: true,
    out_file: path.join(root, 'tmp/logs', `${name}.log`),
    error_file: path.join(root, 'tmp/logs', `${name}.log`),
    env: { NODE_ENV: 'production', ...tracesEnv },
  })),
  services,
};
