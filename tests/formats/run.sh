#!/usr/bin/env bash
# Tests the Parquet reader against files other writers wrote: installs this folder's npm packages
# (npm ci: parquet-wasm, hyparquet-writer, apache-arrow), writes the fixtures and their expected
# values into a temporary folder (make_parquet_fixtures.mjs) and compares every value
# (larder_parquet_fixtures, one test per column and per file that must be refused).
# LARDER_PARQUET_FIXTURES names the comparison binary (default build/larder_parquet_fixtures).
# Prints "PASS"/"FAIL" lines and, last, "N passed, N failed".
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNNER=${LARDER_PARQUET_FIXTURES:-$ROOT/build/larder_parquet_fixtures}

fail() {
  echo "tests/formats/run.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[[ -x $RUNNER ]] ||
  fail "no comparison binary at $RUNNER: build larder_parquet_fixtures or set LARDER_PARQUET_FIXTURES"
command -v node >/dev/null || fail "node is not installed"

WORK=$(mktemp -d /tmp/larder-formats.XXXXXX) || fail "cannot create a temporary directory"
trap 'rm -rf "$WORK"' EXIT

(cd "$HERE" && npm ci --no-audit --no-fund) >"$WORK/npm.log" 2>&1 ||
  { cat "$WORK/npm.log"; fail "npm ci failed"; }
node "$HERE/make_parquet_fixtures.mjs" "$WORK/fixtures" ||
  fail "writing the fixtures failed"
"$RUNNER" "$WORK/fixtures/expected.json"
