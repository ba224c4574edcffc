#!/usr/bin/env bash
# Runs the web UI's end-to-end tests: a throwaway PostgreSQL (tests/sources/pg_server.sh) with a
# few tables, a folder of CSV files, a fresh data directory, `larder serve --port 0` serving the
# built UI and allowed to read that folder (--file-root), then each suite (*.test.mjs) in headless
# Chromium (Debian's /usr/bin/chromium driven by playwright-core, pinned in package.json).
# Screenshots of every page are saved in tests/ui/out/.
# Usage: tests/ui/run.sh [SUITE…]   (SUITE: serving warehouse sql_editor accessibility buckets,
#        run in that order; sql_editor and accessibility use the source that warehouse links)
# LARDER=<binary> overrides build/larder; UI_DIR the built UI (default build/ui, which
# ./scripts/build makes); KEEP=1 keeps the scratch folder. Prints the suites' PASS/FAIL lines;
# the last line is "N passed, N failed". Exit status 0 when all pass, 1 when a test fails.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
LARDER=${LARDER:-$ROOT/build/larder}
UI_DIR=${UI_DIR:-$ROOT/build/ui}
OUT=$HERE/out
SUITES=("$@")
[[ ${#SUITES[@]} == 0 ]] && SUITES=(serving warehouse sql_editor accessibility buckets)

fail() {
  echo "tests/ui/run.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[[ -x $LARDER ]] || fail "no larder binary at $LARDER: build it (./scripts/build) or set LARDER"
[[ -f $UI_DIR/index.html ]] || fail "no built web UI in $UI_DIR: run ./scripts/build (needs npm) or set UI_DIR"
[[ -x /usr/bin/chromium ]] || fail "Chromium is not installed: apt-get install -y chromium"
if [[ ! -d $HERE/node_modules/playwright-core ]]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    fail "npm ci failed in $HERE"
fi

SCRATCH=$(mktemp -d /tmp/larder-ui.XXXXXX) || fail "cannot create a scratch folder"
chmod 755 "$SCRATCH"
mkdir -p "$SCRATCH/pg" "$OUT"
rm -f "$OUT"/*.png "$OUT"/*.csv
SERVER_PID=
# shellcheck source=../sources/pg_server.sh
source "$ROOT/tests/sources/pg_server.sh"
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null
  fi
  pg_server_stop
}
trap cleanup EXIT

pg_server_start "$SCRATCH/pg" "-c fsync=off" || fail "PostgreSQL did not start"
PG_PASSWORD="ui-$RANDOM$RANDOM"
pg_superuser_psql -q -v ON_ERROR_STOP=1 >"$SCRATCH/pg-setup.log" 2>&1 <<SQL ||
CREATE USER larder PASSWORD '$PG_PASSWORD';
CREATE DATABASE larder_test OWNER larder;
SQL
  { cat "$SCRATCH/pg-setup.log"; fail "creating the PostgreSQL user and database failed"; }
PGPASSWORD=$PG_PASSWORD psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U larder \
  -d larder_test >"$SCRATCH/pg-data.log" 2>&1 <<'SQL' ||
CREATE TABLE customers(id bigint PRIMARY KEY, distinct_id text NOT NULL, plan text,
                       signed_up_at timestamp NOT NULL);
INSERT INTO customers VALUES (1, 'ada', 'pro', '2024-01-01 10:00'),
  (2, 'bob', 'free', '2024-01-02 11:00'), (3, 'cy', 'pro', '2024-01-03 12:00');
CREATE TABLE orders(id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(10, 2),
                    updated_at timestamp NOT NULL);
INSERT INTO orders VALUES (1, 'ada', 10.50, '2024-02-01 10:00'), (2, 'bob', 20.00, '2024-02-02 10:00'),
  (3, 'ada', 5.25, '2024-02-03 10:00'), (4, 'cy', 7.00, '2024-02-04 10:00');
-- No primary key: incremental is not offered for it.
CREATE TABLE notes(body text, written date);
INSERT INTO notes VALUES ('first', '2024-01-01');
-- Large enough that its sync runs for a few seconds and shows progress.
CREATE TABLE page_views(id bigint PRIMARY KEY, path text, viewed_at timestamp);
INSERT INTO page_views SELECT g, '/page/' || (g % 500), timestamp '2024-01-01' + g * interval '1 second'
  FROM generate_series(1, 4000000) g;
-- A view whose query stalls for ten minutes before its first row: its sync runs until cancelled.
CREATE FUNCTION stall(g bigint) RETURNS bigint LANGUAGE plpgsql AS $$
  BEGIN IF g = 1 THEN PERFORM pg_sleep(600); END IF; RETURN g; END $$;
CREATE VIEW slow_feed AS SELECT stall(g) AS id FROM generate_series(1, 10) g;
SQL
  { cat "$SCRATCH/pg-data.log"; fail "loading the PostgreSQL tables failed"; }

# The folder file:// patterns may read (--file-root), with two CSV files of orders; the buckets
# suite adds a third.
FILE_ROOT=$SCRATCH/files
mkdir -p "$FILE_ROOT/orders"
printf 'id,customer,amount\n1,ada,10.5\n2,bob,20\n' >"$FILE_ROOT/orders/2024-01.csv"
printf 'id,customer,amount\n3,ada,5.25\n' >"$FILE_ROOT/orders/2024-02.csv"

DATA=$SCRATCH/data
init_out=$("$LARDER" --data "$DATA" init --api-key 2>&1) || fail "larder init failed: $init_out"
LARDER_TOKEN=$(sed -n 's/^project token: \(phc_[^ ]*\)$/\1/p' <<<"$init_out")
LARDER_KEY=$(sed -n 's/^personal API key (shown once): \(phx_[^ ]*\)$/\1/p' <<<"$init_out")
[[ -n $LARDER_TOKEN && -n $LARDER_KEY ]] || fail "could not read the token and key from: $init_out"

"$LARDER" --data "$DATA" serve --host 127.0.0.1 --port 0 --flush-interval-ms 200 \
  --access-log off --ui-dir "$UI_DIR" --file-root "$FILE_ROOT" \
  >"$SCRATCH/server.out" 2>"$SCRATCH/server.err" &
SERVER_PID=$!
LARDER_URL=
for _ in $(seq 1 300); do
  LARDER_URL=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9][0-9]*\).*$/\1/p' \
    "$SCRATCH/server.out" 2>/dev/null | head -1)
  [[ -n $LARDER_URL ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
[[ -n $LARDER_URL ]] || { tail -20 "$SCRATCH/server.err"; fail "the server did not print its address"; }
echo "server at $LARDER_URL (data $DATA, PostgreSQL on port $PG_PORT)"
export LARDER_URL LARDER_TOKEN LARDER_KEY PG_PORT PG_PASSWORD FILE_ROOT UI_OUT=$OUT

passed=0
failed=0
for suite in "${SUITES[@]}"; do
  echo "== $suite"
  timeout --kill-after=10 600 node "$HERE/$suite.test.mjs" >"$SCRATCH/$suite.log" 2>&1
  status=$?
  cat "$SCRATCH/$suite.log"
  suite_passed=$(grep -c '^PASS ' "$SCRATCH/$suite.log")
  suite_failed=$(grep -c '^FAIL ' "$SCRATCH/$suite.log")
  if [[ $status != 0 && $suite_failed == 0 ]]; then
    echo "FAIL $suite: the suite exited with status $status"
    suite_failed=1
  fi
  passed=$((passed + suite_passed))
  failed=$((failed + suite_failed))
done

if [[ $failed != 0 ]]; then
  echo "server stderr (last lines):"
  tail -15 "$SCRATCH/server.err" | cut -c1-300
fi
echo "screenshots: $OUT"
if [[ ${KEEP:-0} == 1 || $failed != 0 ]]; then echo "scratch folder kept: $SCRATCH"; else rm -rf "$SCRATCH"; fi
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
