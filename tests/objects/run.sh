#!/usr/bin/env bash
# Runs the object-storage integration tests (larder_object_tests: the S3 client and the object
# lister) against s3rver (npm, pinned in package.json and package-lock.json), which this script
# starts on a free loopback port with a temporary data directory and AWS Signature Version 4
# checked in front of it (s3_server.mjs), and stops again.
# LARDER_OBJECT_TESTS names the test binary (default build/larder_object_tests); arguments are
# passed to it after --gtest_filter='S3*:Object*:Bucket*'. Prints gtest's output and, last,
# "N passed, N failed".
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TESTS=${LARDER_OBJECT_TESTS:-$ROOT/build/larder_object_tests}
BUCKET=larder-test

fail() {
  echo "tests/objects/run.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[[ -x $TESTS ]] ||
  fail "no test binary at $TESTS: build larder_object_tests or set LARDER_OBJECT_TESTS"
command -v node > /dev/null || fail "node is not installed"
if [[ ! -d $HERE/node_modules/s3rver ]]; then
  echo "installing s3rver (npm ci in $HERE)"
  (cd "$HERE" && npm ci --no-audit --no-fund > /dev/null) || fail "npm ci failed in $HERE"
fi

WORK=$(mktemp -d /tmp/larder-objects.XXXXXX) || fail "cannot create a temporary directory"
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]]; then
    kill -TERM "$SERVER_PID" 2> /dev/null
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2> /dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Port 0: the server picks a free port and says which. s3rver makes its continuation tokens with
# DES, which Node's OpenSSL 3 keeps in the legacy provider.
node --openssl-legacy-provider "$HERE/s3_server.mjs" "$WORK/data" "$BUCKET" \
  > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=
for _ in $(seq 1 150); do
  PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$WORK/server.log")
  [[ -n $PORT ]] && break
  kill -0 "$SERVER_PID" 2> /dev/null || break
  sleep 0.1
done
[[ -n $PORT ]] || { cat "$WORK/server.log"; fail "s3rver did not start"; }

export LARDER_TEST_S3_ENDPOINT="http://127.0.0.1:$PORT"
export LARDER_TEST_S3_BUCKET=$BUCKET
"$TESTS" --gtest_filter='S3*:Object*:Bucket*' "$@" > "$WORK/tests.log" 2>&1
status=$?
cat "$WORK/tests.log"

passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$WORK/tests.log" | head -1)
failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$WORK/tests.log" | head -1)
passed=${passed:-0}
failed=${failed:-0}
if [[ $status != 0 && $failed == 0 ]]; then
  echo "$TESTS exited with $status"
  failed=1
fi
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
