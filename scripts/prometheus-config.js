#!/usr/bin/env node
// Writes a runnable Prometheus configuration into <dir>: ops/prometheus/prometheus.yml and its
// rules, copied, and targets/cluster.json (file_sd) listing what to scrape.
//
//   node scripts/prometheus-config.js <dir>                          # npm start's services (pm2.config.js)
//   node scripts/prometheus-config.js <dir> bff-web=127.0.0.1:3000 catalog-svc=127.0.0.1:3102 ...
//
// A service named twice has two replicas. Prometheus re-reads targets/*.json when it changes,
// so a running Prometheus picks up a rewritten list without a restart.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'ops/prometheus');

function parseTargets(args) {
  if (args.length === 0) {
    const { services } = require('./pm2.config.js');
    // The public edge serves /metrics only on its internal port (bff-web's METRICS_PORT).
    const metricsPort = (service, port) => (service === 'bff-web' ? Number(process.env.EDGE_METRICS_PORT ?? 9464) : port);
    return services.map(([service, port]) => ({ service, address: `127.0.0.1:${metricsPort(service, port)}` }));
  }
  return args.map((arg) => {
    const match = /^([a-z][a-z0-9-]*)=([A-Za-z0-9.-]+:\d+)$/.exec(arg);
    if (!match) throw new Error(`expected service=host:port, got "${arg}"`);
    return { service: match[1], address: match[2] };
  });
}

/** One file_sd group per service: its replicas' addresses, labelled with its name. */
function fileSdGroups(targets) {
  const byService = new Map();
  for (const { service, address } of targets) byService.set(service, [...(byService.get(service) ?? []), address]);
  return [...byService].map(([service, addresses]) => ({ targets: addresses, labels: { service } }));
}

function main([dir, ...args]) {
  if (!dir) throw new Error('usage: node scripts/prometheus-config.js <dir> [service=host:port ...]');
  const out = path.resolve(dir);
  fs.mkdirSync(path.join(out, 'targets'), { recursive: true });
  fs.cpSync(path.join(source, 'prometheus.yml'), path.join(out, 'prometheus.yml'));
  fs.rmSync(path.join(out, 'rules'), { recursive: true, force: true });
  fs.cpSync(path.join(source, 'rules'), path.join(out, 'rules'), { recursive: true });
  // Written aside and renamed, so Prometheus never reads a half-written list.
  const file = path.join(out, 'targets/cluster.json');
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(fileSdGroups(parseTargets(args)), null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  console.log(`prometheus: configuration in ${path.relative(root, out) || '.'}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`prometheus-config: ${error.message}`);
  process.exit(2);
}
