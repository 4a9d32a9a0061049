#!/usr/bin/env bash
# `npm test`: type check, lint and format check, unit + integration tests on an embedded Postgres, then Playwright e2e in
# Debian's Chromium against the production build served by the real start script.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if ! command -v nginx >/dev/null; then
  echo "Installing Debian's nginx-light for the multi-instance test…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light >/dev/null
  # The package starts its default site on port 80; the test runs its own nginx.
  $SUDO nginx -s stop 2>/dev/null || true
fi

echo "== Type check"
npx tsc --noEmit

# The production build (below) need not type-check again: next.config.js reads this.
export PARLEY_TYPES_CHECKED=1

echo "== Lint and format"
npm run lint
npm run format:check

echo "== Unit and integration tests"
npx vitest run

echo "== End-to-end tests"
rm -rf "${E2E_DATA_DIR:-.data/e2e}"
npx playwright test

# Two instances of that same build on one Postgres, behind nginx (deploy/nginx.conf).
echo "== Two instances behind nginx"
npx playwright test -c playwright.instances.config.ts

# Reuses the build the end-to-end tests just made (same dist dir, unchanged sources: no rebuild).
# Tiny sizes and one second per scenario: it proves the bench still runs end to end (fill, counters,
# every page and both server actions answering, report written); --strict fails on any failed request.
echo "== Benchmark smoke run"
npm run bench:smoke -- --dist-dir "${NEXT_DIST_DIR:-.next}"
