#!/usr/bin/env node
// Writes a runnable Prometheus configuration into <dir>: deploy/prometheus/prometheus.yml and its
// rules, copied, targets/cluster.json (file_sd) listing what to scrape, one target per
// replica, each labelled with its service and replica index, and alertmanagers/cluster.json,
// where the alerts go: ALERTMANAGER_ADDRESS (host:port, default 127.0.0.1:9093, the one
// `npm run infra:up` starts), or `none` for no Alertmanager (the test clusters' Prometheus).
//
//   node scripts/prometheus-config.js <dir>          # npm start's replicas (pm2.config.js, CLUSTER_REPLICAS)
//   node scripts/prometheus-config.js <dir> bff-web=127.0.0.1:9464 catalog-svc=127.0.0.1:3102 ...
//
// A service named twice has two replicas, numbered in the order given. Prometheus re-reads
// targets/*.json when it changes, so a running Prometheus picks up a rewritten list without a
// restart.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'deploy/prometheus');

function parseTargets(args) {
  if (args.length === 0) {
    // Each replica serves /metrics on its service's metrics port plus its index (docs/decisions/0030).
    const { services, replicaCount } = require('./pm2.config.js');
    const replicas = Array.from({ length: replicaCount() }, (_, index) => index);
    return services.flatMap(([service, , metricsPort]) =>
      replicas.map((replica) => ({ service, replica, address: `127.0.0.1:${metricsPort + replica}` })),
    );
  }
  const seen = new Map();
  return args.map((arg) => {
    const match = /^([a-z][a-z0-9-]*)=([A-Za-z0-9.-]+:\d+)$/.exec(arg);
    if (!match) throw new Error(`expected service=host:port, got "${arg}"`);
    const [, service, address] = match;
    const replica = seen.get(service) ?? 0;
    seen.set(service, replica + 1);
    return { service, replica, address };
  });
}

/** One file_sd group per replica: its address, labelled with its service and replica index. */
function fileSdGroups(targets) {
  return targets.map(({ service, replica, address }) => ({ targets: [address], labels: { service, replica: String(replica) } }));
}

function alertmanagers(address) {
  if (address === 'none') return [];
  if (!/^[A-Za-z0-9.-]+:\d+$/.test(address)) throw new Error(`ALERTMANAGER_ADDRESS: expected host:port or none, got "${address}"`);
  return [{ targets: [address] }];
}

/** Written aside and renamed, so Prometheus never reads a half-written list. */
function writeAtomically(file, value) {
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}

function main([dir, ...args]) {
  if (!dir) throw new Error('usage: node scripts/prometheus-config.js <dir> [service=host:port ...]');
  const out = path.resolve(dir);
  fs.mkdirSync(path.join(out, 'targets'), { recursive: true });
  fs.cpSync(path.join(source, 'prometheus.yml'), path.join(out, 'prometheus.yml'));
  fs.rmSync(path.join(out, 'rules'), { recursive: true, force: true });
  fs.cpSync(path.join(source, 'rules'), path.join(out, 'rules'), { recursive: true });
  writeAtomically(path.join(out, 'targets/cluster.json'), fileSdGroups(parseTargets(args)));
  fs.mkdirSync(path.join(out, 'alertmanagers'), { recursive: true });
  writeAtomically(path.join(out, 'alertmanagers/cluster.json'), alertmanagers(process.env.ALERTMANAGER_ADDRESS ?? '127.0.0.1:9093'));
  console.log(`prometheus: configuration in ${path.relative(root, out) || '.'}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`prometheus-config: ${error.message}`);
  process.exit(2);
}
