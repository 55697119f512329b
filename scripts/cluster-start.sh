#!/usr/bin/env bash
# `npm start`: installs what is missing, starts the infrastructure, builds the services and
# runs them under pm2 (which restarts a crashed one), then waits until all are ready.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true

bash scripts/ensure-deps.sh
bash scripts/infra-up.sh
npx nx run-many -t build --projects=tag:type:app --output-style=static
mkdir -p tmp/logs
npx pm2 startOrReload scripts/pm2.config.js --update-env
node scripts/wait-ready.js 90
echo
echo "The checkout cluster is up: open http://localhost:3000"
echo "Logs: npx pm2 logs   Status: npx pm2 status   Stop: npm stop"
