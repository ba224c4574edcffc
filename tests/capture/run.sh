#!/usr/bin/env bash
# Runs the end-to-end tests of the server and its capture and query APIs: a fresh data directory
# with two projects, `larder serve` on a free loopback port, then each suite (*.test.mjs) against
# it; kill9.test.mjs starts servers of its own. PostHog's clients come from npm (pinned in
# package.json and package-lock.json); posthog_js needs Debian's chromium (/usr/bin/chromium).
# Usage: tests/capture/run.sh [SUITE…]   (SUITE: posthog_node posthog_js capture_forms projects
#        bad_input kill9; LARDER=<binary> overrides build/larder; KEEP=1 keeps the scratch folder)
# Prints the suites' PASS/FAIL lines; the last line is "N passed, N failed". Exit status 0 when
# all pass, 1 when a test fails, 2 when the tests could not run.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LARDER=${LARDER:-$ROOT/build/larder}
SUITES=("$@")
[[ ${#SUITES[@]} == 0 ]] && SUITES=(posthog_node posthog_js capture_forms projects bad_input kill9)

for package in posthog-node posthog-js playwright-core lz-string; do
  if [[ ! -d $HERE/node_modules/$package ]]; then
    echo "installing the test clients (npm ci in $HERE)"
    if ! (cd "$HERE" && npm ci --no-audit --no-fund >/dev/null); then
      echo "run.sh: npm ci failed in $HERE" >&2
      exit 2
    fi
    break
  fi
done
if [[ ! -x $LARDER ]]; then
  echo "run.sh: no larder binary at $LARDER" >&2
  exit 2
fi

SCRATCH=$(mktemp -d /tmp/larder-capture.XXXXXX)
DATA=$SCRATCH/data
SERVER_PID=
passed=0
failed=0

# On any exit: stop the server this script started (if still running).
stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
}
trap stop_server EXIT

record() {  # record NAME STATUS DETAIL
  if [[ $2 == 0 ]]; then
    passed=$((passed + 1)); echo "PASS run: $1"
  else
    failed=$((failed + 1)); echo "FAIL run: $1"; [[ -n ${3:-} ]] && echo "    $3"
  fi
}

# Project 1 (init) and project 2, each with a token and a personal API key.
if ! init_out=$("$LARDER" --data "$DATA" init --api-key 2>&1); then
  echo "run.sh: larder init failed: $init_out" >&2; exit 2
fi
LARDER_TOKEN=$(sed -n 's/^project token: \(phc_[^ ]*\)$/\1/p' <<<"$init_out")
LARDER_KEY=$(sed -n 's/^personal API key (shown once): \(phx_[^ ]*\)$/\1/p' <<<"$init_out")
if ! project_out=$("$LARDER" --data "$DATA" projects create "Second project" --timezone Europe/Paris 2>&1); then
  echo "run.sh: larder projects create failed: $project_out" >&2; exit 2
fi
LARDER_PROJECT2_ID=$(sed -n 's/^project \([0-9][0-9]*\) ".*$/\1/p' <<<"$project_out")
LARDER_PROJECT2_TOKEN=$(sed -n 's/^project token: \(phc_[^ ]*\)$/\1/p' <<<"$project_out")
if ! key_out=$("$LARDER" --data "$DATA" keys create second --project "$LARDER_PROJECT2_ID" 2>&1); then
  echo "run.sh: larder keys create failed: $key_out" >&2; exit 2
fi
LARDER_PROJECT2_KEY=$(tail -1 <<<"$key_out" | grep -o 'phx_[A-Za-z0-9_-]*')
if [[ -z $LARDER_TOKEN || -z $LARDER_KEY || -z $LARDER_PROJECT2_ID || -z $LARDER_PROJECT2_TOKEN || -z $LARDER_PROJECT2_KEY ]]; then
  printf 'run.sh: could not read tokens and keys from:\n%s\n%s\n%s\n' "$init_out" "$project_out" "$key_out" >&2
  exit 2
fi

# The server: wait for its "listening on" line.
"$LARDER" --data "$DATA" serve --host 127.0.0.1 --port 0 --flush-interval-ms 200 \
  >"$SCRATCH/server.out" 2>"$SCRATCH/server.err" &
SERVER_PID=$!
LARDER_URL=
for _ in $(seq 1 300); do
  LARDER_URL=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9][0-9]*\).*$/\1/p' "$SCRATCH/server.out" 2>/dev/null | head -1)
  [[ -n $LARDER_URL ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $LARDER_URL ]]; then
  echo "run.sh: the server did not print its address (scratch folder $SCRATCH)"
  tail -20 "$SCRATCH/server.out" "$SCRATCH/server.err"
  exit 2
fi
echo "server at $LARDER_URL (pid $SERVER_PID, data $DATA)"
export LARDER LARDER_URL LARDER_TOKEN LARDER_KEY LARDER_PROJECT2_ID LARDER_PROJECT2_TOKEN LARDER_PROJECT2_KEY
export LARDER_SCRATCH=$SCRATCH

for suite in "${SUITES[@]}"; do
  echo "== $suite"
  if [[ $suite == posthog_js && ! -x /usr/bin/chromium ]]; then
    record "posthog_js: /usr/bin/chromium present" 1 "install it with: apt-get install -y chromium"
    continue
  fi
  timeout --kill-after=10 900 node "$HERE/$suite.test.mjs" >"$SCRATCH/$suite.log" 2>&1
  status=$?
  cat "$SCRATCH/$suite.log"
  suite_passed=$(grep -c '^PASS ' "$SCRATCH/$suite.log")
  suite_failed=$(grep -c '^FAIL ' "$SCRATCH/$suite.log")
  passed=$((passed + suite_passed))
  failed=$((failed + suite_failed))
  if [[ $status != 0 && $suite_failed == 0 ]]; then
    record "$suite exited cleanly" 1 "exit status $status"
  fi
done

# The shared server survived every suite and shuts down cleanly on SIGTERM.
if kill -0 "$SERVER_PID" 2>/dev/null; then
  record "server still running after the suites" 0
  kill -TERM "$SERVER_PID"
  for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    record "server exits within 30 s of SIGTERM" 1
  else
    wait "$SERVER_PID"
    exit_status=$?
    record "server exits 0 on SIGTERM" "$exit_status" "exit status $exit_status"
  fi
  SERVER_PID=
else
  record "server still running after the suites" 1 "$(tail -5 "$SCRATCH/server.err")"
fi
if [[ $failed != 0 ]]; then
  echo "server stderr (last lines):"; tail -15 "$SCRATCH/server.err" | cut -c1-300
fi
if [[ ${KEEP:-0} == 1 || $failed != 0 ]]; then echo "scratch folder kept: $SCRATCH"; else rm -rf "$SCRATCH"; fi

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
