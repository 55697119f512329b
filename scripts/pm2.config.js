// The cluster under pm2: one process per service, restarted when it crashes.
// Exit code 78 (bad configuration) is not restarted: a restart cannot fix the environment.
const path = require('node:path');
const { chaosAgentApp, faultProxyApp, proxiedEnv } = require('./chaos.pm2');

const root = path.resolve(__dirname, '..');
const services = [
  ['psp-sandbox', 3004],
  ['catalog-svc', 3002],
  ['payments-svc', 3003],
  ['checkout-orchestrator', 3001],
  ['bff-web', 3000],
];

module.exports = {
  apps: [faultProxyApp(root, path.join(root, 'tmp/logs')), ...services.map(([name]) => ({
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
    env: { NODE_ENV: 'production', ...proxiedEnv(name) },
  })), chaosAgentApp(root, path.join(root, 'tmp/logs'))],
  services,
};
