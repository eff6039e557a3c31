#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, from Debian's packages, only when missing (safe to re-run):
#  - chromium for the Playwright E2E tests (Playwright never downloads a browser here; the tests drive
#    /usr/bin/chromium, or $CHROMIUM_PATH);
#  - wsl (Dell's WS-Management shell client) with what its scripts call (curl, xmllint from libxml2-utils, uuidgen
#    from uuid-runtime) for the simulator's WS-Management interop test.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()

if [ -x "$chromium" ]; then
  echo "Chromium found at $chromium"
elif [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH is set to $CHROMIUM_PATH, but nothing executable is there." >&2
  exit 1
else
  packages+=(chromium)
fi

# command -> Debian package
for pair in wsl:wsl xmllint:libxml2-utils curl:curl uuidgen:uuid-runtime; do
  command_name="${pair%%:*}"
  package="${pair#*:}"
  if command -v "$command_name" >/dev/null 2>&1; then
    echo "$command_name found at $(command -v "$command_name")"
  else
    packages+=("$package")
  fi
done

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo_cmd="sudo"
  else
    echo "Missing Debian packages: ${packages[*]}; this user cannot install them. Install them (apt-get install ${packages[*]}), or set CHROMIUM_PATH for the browser." >&2
    exit 1
  fi
fi

echo "Installing Debian packages for the tests: ${packages[*]}..."
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
for package in "${packages[@]}"; do
  case "$package" in
    chromium) "$chromium" --version ;;
    wsl) command -v wsl ;;
  esac
done
