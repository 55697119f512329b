#!/usr/bin/env bash
# Installs the npm dependencies, exactly as locked, when node_modules is missing or older than
# package-lock.json.
#
# `npm install` rather than `npm ci`: the lock file lists some packages' optional binaries for
# other platforms (darwin, win32, android) that a Linux-only registry mirror does not serve;
# `npm ci` refuses such a lock as "out of sync", while `npm install` installs the locked
# versions and leaves the lock file untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "deps: installing the locked dependencies"
  npm install --no-audit --no-fund
else
  echo "deps: node_modules is up to date"
fi
