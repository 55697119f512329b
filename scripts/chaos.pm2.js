// The chaos side of `npm start`, kept apart from pm2.config.js: the fault proxy, the chaos agent,
// and the route table that gives every service a listener of its own on the proxy in front of
// Postgres and RabbitMQ, so the agent can cut or slow one service's connections and nobody else's.
// At rest every service connects directly; the agent moves a service onto its listeners only
// while a network fault runs (docs/decisions/0046), through the routes in tmp/fault-routes.
const path = require('node:path');
// The node flags of every process of the cluster (why: scripts/pm2.config.js).
const NODE_FLAGS = require('./node-flags.json');

const FAULT_PROXY_API_PORT = 8474;
const POSTGRES = process.env.FAULT_PROXY_POSTGRES_UPSTREAM ?? '127.0.0.1:5432';
const RABBITMQ = process.env.FAULT_PROXY_RABBITMQ_UPSTREAM ?? '127.0.0.1:5672';

// Each service's database role (decision 0002) and the dependencies it is proxied to.
// Listener ports: 154xx for Postgres, 155xx for RabbitMQ, xx = the service's row.
const ROUTES = [
  { service: 'checkout-orchestrator', role: 'checkout_svc', postgres: 15401, rabbitmq: 15501 },
  { service: 'catalog-svc', role: 'catalog_svc', postgres: 15402, rabbitmq: 15502 },
  { service: 'payments-svc', role: 'payments_svc', postgres: 15403, rabbitmq: 15503 },
  { service: 'psp-sandbox', role: 'psp_sandbox', postgres: 15404 },
  { service: 'bff-web', rabbitmq: 15505 },
];

/** The proxies to open, named `<service>.postgres` / `<service>.rabbitmq` (the agent's convention). */
function faultProxies() {
  return ROUTES.flatMap((route) => [
    ...(route.postgres ? [{ name: `${route.service}.postgres`, listen: `127.0.0.1:${route.postgres}`, upstream: POSTGRES }] : []),
    ...(route.rabbitmq ? [{ name: `${route.service}.rabbitmq`, listen: `127.0.0.1:${route.rabbitmq}`, upstream: RABBITMQ }] : []),
  ]);
}

/**
 * A service's direct DATABASE_URL / AMQP_URL, its listeners on the proxy (FAULT_PROXY_POSTGRES /
 * FAULT_PROXY_RABBITMQ) and the routes directory it watches (nothing for a service with no route).
 */
function routedEnv(service, routesDir) {
  const route = ROUTES.find((candidate) => candidate.service === service);
  if (!route) return {};
  const env = { FAULT_ROUTES_DIR: routesDir };
  if (route.postgres) {
    env.DATABASE_URL = `postgres://${route.role}:${route.role}@${POSTGRES}/checkout_cluster`;
    env.FAULT_PROXY_POSTGRES = `127.0.0.1:${route.postgres}`;
  }
  if (route.rabbitmq) {
    env.AMQP_URL = `amqp://guest:guest@${RABBITMQ}`;
    env.FAULT_PROXY_RABBITMQ = `127.0.0.1:${route.rabbitmq}`;
  }
  return env;
}

/** The fault proxy's own pm2 entry: it must listen before the services start connecting. */
function faultProxyApp(root, logs) {
  return {
    name: 'fault-proxy',
    cwd: root,
    script: path.join(root, 'dist/apps/fault-proxy/main.js'),
    node_args: NODE_FLAGS.join(' '),
    pmx: false, // as the services (pm2.config.js): no metrics agent waking the process every second
    autorestart: true,
    stop_exit_codes: [78],
    merge_logs: true,
    out_file: path.join(logs, 'fault-proxy.log'),
    error_file: path.join(logs, 'fault-proxy.log'),
    env: { NODE_ENV: 'production', FAULT_PROXY_API_PORT: String(FAULT_PROXY_API_PORT), FAULT_PROXY_PROXIES: JSON.stringify(faultProxies()) },
  };
}

/**
 * The chaos agent: loopback only, on the same pm2 daemon as the services (it inherits
 * PM2_HOME), so pm2's API reaches exactly this cluster's processes. Its own connections to
 * Postgres and RabbitMQ are direct: a fault it injects must not blind it.
 */
function chaosAgentApp(root, logs, routesDir) {
  return {
    name: 'chaos-agent',
    cwd: root,
    script: path.join(root, 'dist/apps/chaos-agent/main.js'),
    pmx: false,
    node_args: NODE_FLAGS.join(' '),
    autorestart: true,
    stop_exit_codes: [78],
    kill_timeout: 8000,
    merge_logs: true,
    out_file: path.join(logs, 'chaos-agent.log'),
    error_file: path.join(logs, 'chaos-agent.log'),
    env: {
      NODE_ENV: 'production',
      PORT: '3005',
      FAULT_PROXY_URL: `http://127.0.0.1:${FAULT_PROXY_API_PORT}`,
      FAULT_ROUTES_DIR: routesDir,
      // As the services (pm2.config.js): with Vault, the agent offers the rotation experiments,
      // and rotates the webhook secret with a token of its own (hvs.dev-chaos-agent).
      SECRETS_PROVIDER: process.env.SECRETS_PROVIDER ?? 'vault',
      ...(process.env.VAULT_ADDR && { VAULT_ADDR: process.env.VAULT_ADDR }),
    },
  };
}

module.exports = { FAULT_PROXY_API_PORT, faultProxies, routedEnv, faultProxyApp, chaosAgentApp };
