#!/usr/bin/env bash
# `npm run db:migrate`: provisions and migrates every service's schema, then exits; the same
# work the services do at start-up unless DATABASE_MIGRATE_ON_START=false.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
npx nx run-many -t build --projects=tag:type:app --output-style=static
for service in checkout-orchestrator catalog-svc payments-svc psp-sandbox; do
  node "dist/apps/$service/main.js" migrate
done
