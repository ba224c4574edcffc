#!/usr/bin/env bash
# Runs the HogQL parser comparison: Larder's `parse --batch` against PostHog's own parser
# (npm @posthog/hogql-parser, pinned in package.json) on every input of corpus.txt.
# Usage: tests/hogql/run.sh [--only <corpus line>]    (LARDER=<binary> overrides build/larder)
# Exit status is compare.mjs's: 0 all agree, 1 some input disagrees, 2 could not run.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LARDER=${LARDER:-$ROOT/build/larder}

if [[ ! -d $HERE/node_modules/@posthog/hogql-parser ]]; then
  echo "installing @posthog/hogql-parser (npm ci in $HERE)"
  if ! (cd "$HERE" && npm ci --no-audit --no-fund >/dev/null); then
    echo "run.sh: npm ci failed in $HERE" >&2
    exit 2
  fi
fi

node "$HERE/compare.mjs" --larder "$LARDER" "$@" "$HERE/corpus.txt"
