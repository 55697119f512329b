#!/usr/bin/env bash
# `npm run db:migrate`: the one-shot step that provisions every schema and role and runs the
# migrations, then exits. `npm start` runs it before the services start (with --built: it has
# just built them); it is the only process that holds the admin login (DATABASE_ADMIN_URL, or
# the local postgres superuser by default). The running services never do (docs/decisions/0038).
# The chaos agent goes last: its audit role is granted the services' schemas.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
if [[ ${1:-} != --built ]]; then
  npx nx run-many -t build --projects=tag:type:app --output-style=static
fi
# The services that lease their logins from Vault under `npm start` (scripts/pm2.config.js) get
# a group role nobody logs in as; with SECRETS_PROVIDER=env, a login with DATABASE_URL's password.
secrets_provider=${SECRETS_PROVIDER:-vault}
for service in vault-sandbox checkout-orchestrator catalog-svc payments-svc psp-sandbox chaos-agent; do
  case $service in
    vault-sandbox | chaos-agent) node "dist/apps/$service/main.js" migrate ;;
    *) SECRETS_PROVIDER=$secrets_provider node "dist/apps/$service/main.js" migrate ;;
  esac
done
