// The cluster under pm2: CLUSTER_REPLICAS processes per service (1 unless set), restarted
// when they crash. Exit code 78 (bad configuration) is not restarted: a restart cannot fix
// the environment.
const path = require('node:path');
const { chaosAgentApp, faultProxyApp, routedEnv } = require('./chaos.pm2');
// Every Node process of the cluster runs with these flags (the e2e harness and the image's
// commands pass the same): --enable-source-maps, since the bundles ship .js.map files; and
// --no-memory-reducer, since V8's memory reducer ran full collections in every process in the
// minutes after it fell idle, for no smaller footprint at rest (docs/decisions/0044).
const NODE_FLAGS = require('./node-flags.json');

const root = path.resolve(__dirname, '..');
// Where the chaos agent says which services reach Postgres or RabbitMQ through the fault proxy.
const routesDir = path.join(root, 'tmp/fault-routes');
// [name, port, metrics port]. Replicas share the port; each serves /metrics on the metrics
// port plus its replica index (NODE_APP_INSTANCE), so Prometheus scrapes every replica
// (docs/decisions/0030). Ten ports apart, from the edge's 9464: room for ten replicas each.
const METRICS_PORTS_PER_SERVICE = 10;
const services = [
  ['vault-sandbox', 3006, 9514],
  ['psp-sandbox', 3004, 9504],
  ['catalog-svc', 3002, 9484],
  ['payments-svc', 3003, 9494],
  ['checkout-orchestrator', 3001, 9474],
  ['bff-web', 3000, 9464],
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
/**
 * pm2 wraps every process in its metrics agent (pmx) unless told not to: a timer in each process
 * that sends heap and loop figures to the daemon once a second, which nothing here reads (the
 * services' own /metrics say the same to Prometheus when it asks). Off, so a cluster at rest is.
 */
const AT_REST = { pmx: false };

function replicaSettings() {
  const replicas = Number(process.env.CLUSTER_REPLICAS || 1);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > METRICS_PORTS_PER_SERVICE) {
    throw new Error(`CLUSTER_REPLICAS: expected a whole number from 1 to ${METRICS_PORTS_PER_SERVICE} (got "${process.env.CLUSTER_REPLICAS}")`);
  }
  return { exec_mode: 'cluster', instances: replicas, wait_ready: true, listen_timeout: 30_000, kill_timeout: 15_000, ...AT_REST };
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
  apps: [faultProxyApp(root, path.join(root, 'tmp/logs')), ...services.map(([name, , metricsPort]) => ({
    name,
    cwd: root,
    script: path.join(root, 'dist/apps', name, 'main.js'),
    node_args: NODE_FLAGS.join(' '),
    ...replicaSettings(),
    autorestart: true,
    stop_exit_codes: [78],
    min_uptime: 5000,
    max_restarts: 50,
    exp_backoff_restart_delay: 200,
    merge_logs: true,
    out_file: path.join(root, 'tmp/logs', `${name}.log`),
    error_file: path.join(root, 'tmp/logs', `${name}.log`),
    // The replicas of a service split its database connections (DATABASE_CONNECTIONS); each
    // serves /metrics on METRICS_PORT plus its replica index.
    env: {
      NODE_ENV: 'production',
      METRICS_PORT: String(metricsPort),
      CLUSTER_REPLICAS: String(replicaSettings().instances),
      ...tracesEnv,
      ...secretsEnv(name),
      ...routedEnv(name, routesDir),
      // The edge refuses to start in production without its public origins: this machine's.
      ...(name === 'bff-web' && { PUBLIC_ORIGINS: process.env.PUBLIC_ORIGINS || 'http://localhost:3000,http://127.0.0.1:3000' }),
    },
  })), chaosAgentApp(root, path.join(root, 'tmp/logs'), routesDir)],
  services,
  replicaCount: () => replicaSettings().instances,
};
