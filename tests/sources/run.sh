#!/usr/bin/env bash
# Runs the source connectors' integration tests (larder_source_tests) and the `larder sources`
# command-line tests (cli_test.sh and mysql_cli_test.sh, with LARDER, default build/larder)
# against a throwaway PostgreSQL 15 server and a throwaway MariaDB 10.11 server (in time zone
# -08:00) that this script starts in a temporary directory and stops again.
# LARDER_SOURCE_TESTS names the test binary (default build/larder_source_tests); arguments are
# passed to it (--gtest_filter=…). Prints gtest's output and, last, "N passed, N failed".
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TESTS=${LARDER_SOURCE_TESTS:-$ROOT/build/larder_source_tests}
LARDER=${LARDER:-$ROOT/build/larder}

fail() {
  echo "tests/sources/run.sh: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

[[ -x $TESTS ]] ||
  fail "no test binary at $TESTS: build larder_source_tests or set LARDER_SOURCE_TESTS"
MARIADBD=$(PATH=$PATH:/usr/sbin command -v mariadbd) ||
  fail "MariaDB is not installed (no mariadbd): apt-get install mariadb-server mariadb-client"

source "$ROOT/tests/sources/pg_server.sh"

WORK=$(mktemp -d /tmp/larder-sources.XXXXXX) || fail "cannot create a temporary directory"
MYSQL_PID=
cleanup() {
  pg_server_stop
  if [[ -n $MYSQL_PID ]]; then
    kill -TERM "$MYSQL_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$MYSQL_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
chmod 755 "$WORK"

# A free port for MariaDB: one nothing answers on, not PostgreSQL's.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 30000))
    if [[ $candidate != "${PORT:-}" ]] && ! port_in_use "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

mkdir "$WORK/postgres"
pg_server_start "$WORK/postgres" || fail "could not start PostgreSQL 15"
PORT=$PG_PORT
TEST_PASSWORD="larder-$RANDOM$RANDOM"

pg_superuser_psql -q -v ON_ERROR_STOP=1 > "$WORK/setup.log" 2>&1 <<SQL ||
CREATE USER larder PASSWORD '$TEST_PASSWORD';
CREATE DATABASE larder_test OWNER larder;
-- Readers must get UTC whatever the server's zone.
ALTER DATABASE larder_test SET timezone TO 'America/Los_Angeles';
SQL
  { cat "$WORK/setup.log"; fail "setup SQL failed"; }

LARDER_TEST_POSTGRES="host=127.0.0.1 port=$PORT dbname=larder_test user=larder"
export LARDER_TEST_POSTGRES="$LARDER_TEST_POSTGRES password=$TEST_PASSWORD sslmode=disable"

# MariaDB, in its own directory owned by the mysql user; root (no password) over the socket.
MYSQL_DIR=$WORK/mysql
MYSQL_PORT=$(free_port) || fail "found no free TCP port for MariaDB"
MYSQL_PASSWORD="larder-$RANDOM$RANDOM"
MYSQL_USER_FLAG=()
mkdir -p "$MYSQL_DIR"
if [[ $(id -u) == 0 ]]; then
  chown mysql:mysql "$MYSQL_DIR"
  MYSQL_USER_FLAG=(--user=mysql)
fi
mariadb-install-db --no-defaults "${MYSQL_USER_FLAG[@]}" --datadir="$MYSQL_DIR/data" \
  --auth-root-authentication-method=normal > "$WORK/mariadb-install.log" 2>&1 ||
  { cat "$WORK/mariadb-install.log"; fail "mariadb-install-db failed"; }
"$MARIADBD" --no-defaults "${MYSQL_USER_FLAG[@]}" --datadir="$MYSQL_DIR/data" \
  --socket="$MYSQL_DIR/s.sock" --port="$MYSQL_PORT" --bind-address=127.0.0.1 \
  --pid-file="$MYSQL_DIR/m.pid" --log-error="$WORK/mariadb.log" --skip-name-resolve \
  --innodb-log-file-size=8M --default-time-zone=-08:00 > /dev/null 2>&1 &
MYSQL_PID=$!
ready=0
for _ in $(seq 1 120); do
  if mariadb-admin --no-defaults --socket="$MYSQL_DIR/s.sock" -uroot ping > /dev/null 2>&1; then
    ready=1
    break
  fi
  kill -0 "$MYSQL_PID" 2>/dev/null || break
  sleep 0.25
done
[[ $ready == 1 ]] || { cat "$WORK/mariadb.log"; fail "MariaDB did not start on port $MYSQL_PORT"; }
mariadb --no-defaults --socket="$MYSQL_DIR/s.sock" -uroot > "$WORK/mariadb-setup.log" 2>&1 \
  <<SQL || { cat "$WORK/mariadb-setup.log"; fail "MariaDB setup SQL failed"; }
CREATE USER 'larder'@'127.0.0.1' IDENTIFIED BY '$MYSQL_PASSWORD';
CREATE DATABASE larder_test CHARACTER SET utf8mb4;
GRANT ALL ON larder_test.* TO 'larder'@'127.0.0.1';
SQL
export LARDER_TEST_MYSQL="host=127.0.0.1 port=$MYSQL_PORT database=larder_test user=larder \
password=$MYSQL_PASSWORD"
"$TESTS" "$@" > "$WORK/tests.log" 2>&1
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

# The command line on the same servers.
LARDER=$LARDER PG_PORT=$PORT PG_PASSWORD=$TEST_PASSWORD bash "$ROOT/tests/sources/cli_test.sh" \
  > "$WORK/cli.log" 2>&1
LARDER=$LARDER MYSQL_PORT=$MYSQL_PORT MYSQL_PASSWORD=$MYSQL_PASSWORD \
  bash "$ROOT/tests/sources/mysql_cli_test.sh" >> "$WORK/cli.log" 2>&1
# The HTTP API of `larder serve` on the PostgreSQL server.
LARDER=$LARDER PG_PORT=$PORT PG_PASSWORD=$TEST_PASSWORD node "$ROOT/tests/sources/api.test.mjs" \
  >> "$WORK/cli.log" 2>&1
api_status=$?
# 1 means failures it reported itself; anything else means it could not run.
[[ $api_status -gt 1 ]] && echo "FAIL sources-api: the suite exited with $api_status" >> "$WORK/cli.log"
cat "$WORK/cli.log"
passed=$((passed + $(grep -c '^PASS ' "$WORK/cli.log")))
failed=$((failed + $(grep -c '^FAIL ' "$WORK/cli.log")))
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
