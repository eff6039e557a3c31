#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: Debian's Chromium for the Playwright E2E tests.
# Playwright never downloads a browser here; the tests drive /usr/bin/chromium (or $CHROMIUM_PATH).
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  echo "Chromium found at $chromium"
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, but nothing executable is there." >&2
  exit 1
fi

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd="sudo"
  else
    echo "Chromium is missing and this user cannot install it. Install Debian's 'chromium' package, or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

echo "Installing Debian's chromium package for the E2E tests..."
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$chromium" --version
