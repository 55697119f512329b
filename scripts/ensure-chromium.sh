#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core downloads no browser). Installs it
# when missing, on Debian as root; anywhere else it says what is needed and fails, so the
# browser tests never skip silently.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [[ -x "$CHROMIUM" ]]; then
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
  exit 0
fi
if [[ $(id -u) -eq 0 && -f /etc/debian_version ]]; then
  echo "chromium: installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
  exit 0
fi
echo "chromium: not found at $CHROMIUM; install Chromium (or set CHROMIUM_PATH) to run the browser tests" >&2
exit 1
