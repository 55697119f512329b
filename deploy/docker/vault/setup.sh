#!/bin/sh
# Configures the real Vault (dev server) the way the local stand-in (apps/stand-ins/vault-sandbox) behaves:
# the database secrets engine with one role per service, KV v2 with the provider's secrets, and
# one token per service whose policy names only what that service may read. Idempotent.
set -eu

: "${VAULT_ADDR:?}" "${VAULT_TOKEN:?}" "${VAULT_TOKEN_PREFIX:?}" "${POSTGRES_PASSWORD:?}"
TTL="${VAULT_DB_DEFAULT_TTL:-1h}"
MAX_TTL="${VAULT_DB_MAX_TTL:-24h}"

vault secrets list | grep -q '^database/' || vault secrets enable database

# Vault logs in as a role allowed to create roles and end sessions: the plugin's connection.
vault write database/config/checkout_cluster \
  plugin_name=postgresql-database-plugin \
  allowed_roles='*' \
  connection_url='postgresql://{{username}}:{{password}}@postgres:5432/checkout_cluster?sslmode=disable' \
  username=postgres password="$POSTGRES_PASSWORD"

# service=group role: each lease is a login that joins the service's group role (created by the
# service's own provisioning), so it needs no grants of its own.
for pair in checkout-orchestrator=checkout_svc catalog-svc=catalog_svc payments-svc=payments_svc psp-sandbox=psp_sandbox; do
  service="${pair%%=*}"
  group="${pair#*=}"
  vault write "database/roles/$service" db_name=checkout_cluster \
    creation_statements="CREATE ROLE \"{{name}}\" LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE $group;" \
    renew_statements="ALTER ROLE \"{{name}}\" VALID UNTIL '{{expiration}}';" \
    revocation_statements="SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{{name}}'; DROP ROLE IF EXISTS \"{{name}}\";" \
    default_ttl="$TTL" max_ttl="$MAX_TTL"

  psp_rule=''
  case "$service" in payments-svc|psp-sandbox) psp_rule='path "secret/data/psp" { capabilities = ["read"] }' ;; esac
  vault policy write "$service" - <<POLICY
path "database/creds/$service" { capabilities = ["read"] }
path "sys/leases/renew" { capabilities = ["update"] }
path "sys/leases/revoke" { capabilities = ["update"] }
$psp_rule
POLICY
  # Ids known in advance (VAULT_TOKEN_PREFIX-<service>, from deploy/docker/.env) so compose can hand
  # each service its own; periodic, so they live on.
  vault token lookup "$VAULT_TOKEN_PREFIX-$service" >/dev/null 2>&1 ||
    vault token create -id="$VAULT_TOKEN_PREFIX-$service" -policy="$service" -orphan -period=24h >/dev/null
done

# The chaos agent's rotate-webhook-secret experiment writes new versions of the provider's
# secrets, and needs nothing else: no database login, no lease endpoint.
vault policy write chaos-agent - <<'POLICY'
path "secret/data/psp" { capabilities = ["read", "update"] }
POLICY
vault token lookup "$VAULT_TOKEN_PREFIX-chaos-agent" >/dev/null 2>&1 ||
  vault token create -id="$VAULT_TOKEN_PREFIX-chaos-agent" -policy=chaos-agent -orphan -period=24h >/dev/null

# The dev server mounts KV v2 at secret/. Write the first version only: a rotation writes later ones.
vault kv get secret/psp >/dev/null 2>&1 ||
  vault kv put secret/psp api_key="${PSP_API_KEY}" webhook_secret="${PSP_WEBHOOK_SECRET}"
echo "vault configured"
