// The cluster under pm2: one process per service, restarted when it crashes.
// Exit code 78 (bad configuration) is not restarted: a restart cannot fix the environment.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const services = [
  ['vault-sandbox', 3006],
  ['psp-sandbox', 3004],
  ['catalog-svc', 3002],
  ['payments-svc', 3003],
  ['checkout-orchestrator', 3001],
  ['bff-web', 3000],
];

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
    env: { NODE_ENV: 'production', ...secretsEnv(name) },
  })),
  services,
};
