#!/usr/bin/env bash
# `npm start`: installs what is missing, starts the infrastructure, builds the services, runs
# the one-shot migration (scripts/db-migrate.sh) and runs them under pm2 (which restarts a crashed one), then waits until all are ready.
# `CLUSTER_REPLICAS=N npm start` runs N processes of every service (pm2 cluster mode, one
# port per service); the default is one.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-node.sh
export NX_DAEMON=false NX_NO_CLOUD=true
replicas="${CLUSTER_REPLICAS:-1}"

bash scripts/ensure-deps.sh
bash scripts/infra-up.sh
# One target per replica, even for a Prometheus already running; its alerts to infra-up's Alertmanager.
CLUSTER_REPLICAS="$replicas" ALERTMANAGER_ADDRESS="127.0.0.1:${ALERTMANAGER_PORT:-9093}" node scripts/prometheus-config.js tmp/prometheus
npx nx run-many -t build --projects=tag:type:app --output-style=static
# Schemas, roles and migrations, once, before anything starts: no service holds the admin login.
bash scripts/db-migrate.sh --built
mkdir -p tmp/logs
# A cluster started before replicas existed runs in fork mode, which a reload cannot turn
# into cluster mode: remove those processes so they start again in cluster mode.
node -e '
  const { execSync } = require("node:child_process");
  const { services } = require("./scripts/pm2.config.js");
  const names = new Set(services.map(([name]) => name));
  // The first pm2 command on a machine starts its daemon and prints a banner before the JSON.
  const listing = execSync("npx pm2 jlist", { encoding: "utf8" }).split("\n").reverse().find((line) => line.startsWith("[")) ?? "[]";
  const forked = JSON.parse(listing)
    .filter((p) => names.has(p.name) && p.pm2_env.exec_mode !== "cluster_mode");
  for (const name of new Set(forked.map((p) => p.name))) execSync(`npx pm2 delete ${name}`, { stdio: "inherit" });
'
CLUSTER_REPLICAS="$replicas" npx pm2 startOrReload scripts/pm2.config.js --update-env
# startOrReload keeps a running service's replica count; scale sets it to what was asked.
for name in $(node -p 'require("./scripts/pm2.config.js").services.map(([n]) => n).join(" ")'); do
  # pm2 answers "Nothing to do" (exit 1) when the count is already right: that is success here.
  npx pm2 scale "$name" "$replicas" >/dev/null 2>&1 || true
done
node scripts/wait-ready.js 90
echo
echo "The checkout cluster is up ($replicas replica(s) of each service): open http://localhost:3000"
echo "Logs: npx pm2 logs   Status: npx pm2 status   Rolling restart: npm run restart:rolling   Stop: npm stop"
