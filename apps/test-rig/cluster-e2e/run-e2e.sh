#!/usr/bin/env bash
# The e2e suite (`nx run cluster-e2e:e2e`): two Jest workers, each starting clusters of its own
# (own database, vhost, Redis database and ports), since a spec spends most of its time waiting
# on a cluster rather than computing, and two clusters at once is what two cores carry. Then the
# at-rest spec alone: what it measures (CPU at rest, with RabbitMQ and Postgres counted whole)
# must not include another cluster. With arguments (a spec file, a pattern), one Jest run in band
# with them instead. E2E_WORKERS=1 runs the whole suite one spec at a time.
set -uo pipefail
cd "$(dirname "$0")/../../.."
config=apps/test-rig/cluster-e2e/jest.config.ts
if [ $# -gt 0 ]; then
  exec npx jest -c "$config" --runInBand "$@"
fi
status=0
npx jest -c "$config" --maxWorkers="${E2E_WORKERS:-2}" --testPathIgnorePatterns=/node_modules/ --testPathIgnorePatterns='at-rest\.e2e-spec' || status=$?
npx jest -c "$config" --runInBand --testPathPatterns='at-rest\.e2e-spec' || status=$?
exit $status
