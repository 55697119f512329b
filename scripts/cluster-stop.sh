#!/usr/bin/env bash
# `npm stop`: stops and removes every service of the cluster from pm2 (the infrastructure stays up).
set -euo pipefail
cd "$(dirname "$0")/.."
npx pm2 delete scripts/pm2.config.js 2>/dev/null || echo "cluster: nothing was running"
