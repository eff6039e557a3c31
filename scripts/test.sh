#!/usr/bin/env bash
# Runs every test: unit, component (bUnit), API/hosting and end-to-end (Playwright in Debian's Chromium).
# Usage: bash scripts/test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
dotnet build CheckpointDashboard.sln -c Release
dotnet test --solution CheckpointDashboard.sln -c Release --no-build "$@"
