// The cluster under pm2: CLUSTER_REPLICAS processes per service (1 unless set), restarted
// when they crash. Exit code 78 (bad configuration) is not restarted: a restart cannot fix
// the environment.
const path = require('node:path');
const { chaosAgentApp, faultProxyApp, proxiedEnv } = require('./chaos.pm2');

const root = path.resolve(__dirname, '..');
const services = [
  ['vault-sandbox', 3006],
  ['psp-sandbox', 3004],
  ['catalog-svc', 3002],
  ['payments-svc', 3003],
  ['checkout-orchestrator', 3001],
  ['bff-web', 3000],
];

/**
 * Replicas and their drain (docs/decisions/0017). Cluster mode runs the replicas of a service
 * on its one port (node's cluster module hands each connection to a replica in turn), and
 * makes `pm2 reload` start a replacement before stopping the old process. A replica tells pm2
 * it is ready (process.send('ready')) only once its own /health/ready checks pass, and pm2
 * waits for that (`wait_ready`) before it counts the replica up. On stop pm2 signals the
 * process (SIGINT), which drains (SHUTDOWN_TIMEOUT_MS, 10 s by default); `kill_timeout`
 * leaves it that long and a margin before SIGKILL.
 */
function replicaSettings() {
  const replicas = Number(process.env.CLUSTER_REPLICAS || 1);
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new Error(`CLUSTER_REPLICAS: expected a whole number of at least 1 (got "${process.env.CLUSTER_REPLICAS}")`);
  }
  return { exec_mode: 'cluster', instances: replicas, wait_ready: true, listen_timeout: 30_000, kill_timeout: 15_000 };
}

// Traces: every service exports OTLP/HTTP to bff-web's loopback receiver (4318, the OTLP/HTTP
// port), which keeps recent traces for the shop's trace view. Set OTEL_EXPORTER_OTLP_ENDPOINT
// to send them to a collector, Jaeger or Tempo instead; OTEL_TRACES_SAMPLER to sample.
const tracesEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318',
  ...(process.env.OTEL_TRACES_SAMPLER && { OTEL_TRACES_SAMPLER: process.env.OTEL_TRACES_SAMPLER }),
  ...(process.env.OTEL_TRACES_SAMPLER_ARG && { OTEL_TRACES_SAMPLER_ARG: process.env.OTEL_TRACES_SAMPLER_ARG }),
};

// ---- secrets: the services that own a schema lease their database logins from Vault --------
// (the local stand-in on :3006; VAULT_ADDR=<a real Vault> is configuration only). Set
// SECRETS_PROVIDER=env before `npm start` for the static logins of DATABASE_URL instead.
const LEASED = ['psp-sandbox', 'catalog-svc', 'payments-svc', 'checkout-orchestrator'];
const secretsEnv = (name) =>
  LEASED.includes(name)
    ? { SECRETS_PROVIDER: process.env.SECRETS_PROVIDER ?? 'vault', VAULT_ADDR: process.env.VAULT_ADDR ?? 'http://127.0.0.1:3006' }
    : {};
// ---------------------------------------------------------------------------------------------

module.exports = {
  apps: [faultProxyApp(root, path.join(root, 'tmp/logs')), ...services.map(([name]) => ({
    name,
    cwd: root,
    script: path.join(root, 'dist/apps', name, 'main.js'),
    node_args: '--enable-source-maps',
    ...replicaSettings(),
    autorestart: true,
    stop_exit_codes: [78],
    min_uptime: 5000,
    max_restarts: 50,
    exp_backoff_restart_delay: 200,
    merge_logs: true,
    out_file: path.join(root, 'tmp/logs', `${name}.log`),
    error_file: path.join(root, 'tmp/logs', `${name}.log`),
    // The replicas of a service split its database connections (DATABASE_CONNECTIONS).
    env: { NODE_ENV: 'production', CLUSTER_REPLICAS: String(replicaSettings().instances), ...tracesEnv, ...secretsEnv(name), ...proxiedEnv(name) },
  })), chaosAgentApp(root, path.join(root, 'tmp/logs'))],
  services,
};
