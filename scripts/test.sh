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

# The static checks run alongside the unit and integration tests: Vitest runs its files one after
# another (they share one database), so it leaves a core to tsc and ESLint, which take one each.
checks_log="$(mktemp)"
(
  set -e
  echo "== Type check"
  npx tsc --noEmit
  echo "== Lint and format"
  npm run lint
  npm run format:check
) >"$checks_log" 2>&1 &
checks=$!

echo "== Unit and integration tests (type check, lint and format alongside)"
vitest_status=0
npx vitest run || vitest_status=$?
checks_status=0
wait "$checks" || checks_status=$?
cat "$checks_log"
rm -f "$checks_log"
if [ "$checks_status" -ne 0 ]; then echo "Type check, lint or format check failed." >&2; exit "$checks_status"; fi
if [ "$vitest_status" -ne 0 ]; then echo "Unit or integration tests failed." >&2; exit "$vitest_status"; fi

# The production build (below) need not type-check again: tsc has passed. next.config.js reads this.
export PARLEY_TYPES_CHECKED=1

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
