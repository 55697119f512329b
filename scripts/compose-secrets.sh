#!/usr/bin/env bash
# Writes deploy/docker/.env with logins and tokens of this machine's own for deploy/docker/compose.yml, whose
# services reach Postgres, RabbitMQ and Vault over the compose network: there the published
# development defaults are refused (docs/decisions/0038). Keeps an existing file: the values
# are baked into the Postgres volume and Vault's tokens on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
file=deploy/docker/.env
if [[ -f $file ]] && grep -q '^VAULT_TOKEN_PREFIX=' "$file"; then
  echo "compose-secrets: $file already holds the cluster's secrets; nothing to do"
  exit 0
fi
random() { node -e 'process.stdout.write(require("node:crypto").randomBytes(18).toString("base64url"))'; }
umask 077
{
  echo "POSTGRES_PASSWORD=$(random)"
  echo "RABBITMQ_USER=checkout"
  echo "RABBITMQ_PASSWORD=$(random)"
  echo "VAULT_ROOT_TOKEN=hvs.$(random)"
  echo "VAULT_TOKEN_PREFIX=hvs.$(random)"
} >>"$file"
echo "compose-secrets: wrote $file (keep it private; it is git-ignored)"
