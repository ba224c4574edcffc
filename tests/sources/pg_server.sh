# A throwaway PostgreSQL 15 server on a free loopback port, for the source tests
# (tests/sources/run.sh) and the sync benchmark (bench/run-sync). Source this file, then:
#
#   pg_server_start DIR [SERVER OPTIONS]  initdb in DIR/data and start the server: sets PG_PORT,
#                                         PG_SUPERUSER_PASSWORD and PG_SERVER_DIR; on failure
#                                         prints the logs and why to stderr and returns 1. The
#                                         options go to the server ("-c fsync=off"). DIR must
#                                         exist, be empty and be reachable by the postgres user
#                                         (its parents searchable: mktemp -d makes them 0700).
#   pg_server_stop                        stops it (immediate shutdown); safe to call twice.
#   pg_superuser_psql ARGS…               psql as the superuser "postgres" on database postgres.
#
# PG_BIN names the server's programs (default /usr/lib/postgresql/15/bin). PostgreSQL refuses to
# run as root, so as root its programs run as the postgres user, which then owns DIR.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=
PG_SUPERUSER_PASSWORD=
PG_SERVER_DIR=
pg_server_started=0

pg_server_as_user() {
  if [[ $(id -u) == 0 ]]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

# True when something answers on 127.0.0.1:$1.
pg_server_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_server_start() {
  local dir=$1
  shift
  local options="$*"
  if [[ ! -x $PG_BIN/initdb ]]; then
    echo "PostgreSQL 15 is not installed ($PG_BIN/initdb is missing)" >&2
    return 1
  fi
  PG_SERVER_DIR=$dir
  chmod 755 "$dir"
  if [[ $(id -u) == 0 ]]; then chown postgres "$dir"; fi
  PG_PORT=
  local candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 30000))
    if ! pg_server_port_in_use "$candidate"; then PG_PORT=$candidate; break; fi
  done
  if [[ -z $PG_PORT ]]; then
    echo "found no free TCP port" >&2
    return 1
  fi
  PG_SUPERUSER_PASSWORD="super-$RANDOM$RANDOM"
  echo "$PG_SUPERUSER_PASSWORD" >"$dir/pwfile"
  if [[ $(id -u) == 0 ]]; then chown postgres "$dir/pwfile"; fi
  if ! pg_server_as_user "'$PG_BIN/initdb' -D '$dir/data' -A md5 --pwfile='$dir/pwfile' \
      -U postgres -E UTF8 --locale=C" >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    echo "initdb failed" >&2
    return 1
  fi
  rm -f "$dir/pwfile"
  pg_server_started=1
  if ! pg_server_as_user "'$PG_BIN/pg_ctl' -D '$dir/data' -w -t 60 -l '$dir/server.log' \
      -o \"-p $PG_PORT -k '$dir' -c listen_addresses=127.0.0.1 $options\" start" \
      >"$dir/pg_ctl.log" 2>&1; then
    cat "$dir/pg_ctl.log" "$dir/server.log" >&2
    echo "PostgreSQL did not start on port $PG_PORT" >&2
    return 1
  fi
  for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then return 0; fi
    sleep 0.5
  done
  cat "$dir/server.log" >&2
  echo "PostgreSQL does not accept connections on port $PG_PORT" >&2
  return 1
}

pg_server_stop() {
  if [[ $pg_server_started == 1 ]]; then
    pg_server_as_user "'$PG_BIN/pg_ctl' -D '$PG_SERVER_DIR/data' -m immediate stop" \
      >/dev/null 2>&1
    pg_server_started=0
  fi
}

pg_superuser_psql() {
  PGPASSWORD=$PG_SUPERUSER_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"
}
