#!/usr/bin/env bash
# Installs the npm dependencies, exactly as locked, when node_modules is missing or older than
# package-lock.json. `npm ci` never rewrites the lock file: if package.json and the lock disagree
# it stops, which is what a fresh clone should see (see docs/decisions/0018).
#
# No install script is needed: npm here runs none unless allowed, and esbuild finds its binary in
# its per-platform package (@esbuild/<os>-<arch>) without its postinstall step.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "deps: installing the locked dependencies (npm ci)"
  npm ci --no-audit --no-fund
else
  echo "deps: node_modules is up to date"
fi
