#!/usr/bin/env bash
# Runs the differential test: generated data and hand-written plus generated queries on Larder and
# on DuckDB (npm @duckdb/node-api, pinned in package.json), results compared (see README.md).
# Usage: tests/differential/run.sh [--only NAME,…] [--generated N] [--keep]
#        (LARDER=<binary> overrides build/larder)
# Prints PASS/FAIL per query, then a summary; the last line is "N passed, N failed".
# Exit status is run.mjs's: 0 all pass, 1 some query fails, 2 could not run.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LARDER=${LARDER:-$ROOT/build/larder}

if [[ ! -d $HERE/node_modules/@duckdb/node-api ]]; then
  echo "installing @duckdb/node-api (npm ci in $HERE)"
  if ! (cd "$HERE" && npm ci --no-audit --no-fund >/dev/null); then
    echo "run.sh: npm ci failed in $HERE" >&2
    exit 2
  fi
fi

exec node "$HERE/run.mjs" --larder "$LARDER" "$@"
