#!/usr/bin/env bash
# A throwaway PostgreSQL for the store tests, on 127.0.0.1 only.
#
#   eval "$(bash .ci/postgres.sh)"    # then RACI_TEST_POSTGRES_URL is set
#
# Installs Debian's postgresql when it is missing, creates a cluster in
# $RACI_PG_DIR (default /tmp/raci-postgres) listening on 127.0.0.1:$RACI_PG_PORT
# (default 54329), starts it, creates the role and database raci / raci_test,
# and prints one line on stdout: the export of RACI_TEST_POSTGRES_URL.
# Everything else goes to stderr. Idempotent: run it again and it reuses what
# is there (starting the server if it stopped).
set -euo pipefail
exec 3>&1 1>&2

DIR=${RACI_PG_DIR:-/tmp/raci-postgres}
PORT=${RACI_PG_PORT:-54329}
USER_NAME=raci
PASSWORD=raci
DB=raci_test

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

# The server refuses to run as root: as root, run its tools as the postgres user.
if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

if [ ! -s "$DIR/data/PG_VERSION" ]; then
  rm -rf "$DIR"
  mkdir -p "$DIR/data"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$DIR"; fi
  chmod 700 "$DIR/data"
  as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
fi

if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  # 3>&-: the server must not inherit the pipe of `$(bash .ci/postgres.sh)`, or the caller waits forever.
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200" \
    start </dev/null >/dev/null 3>&-
fi

psql_admin() { as_pg "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != 1 ]; then
  psql_admin -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $USER_NAME"
fi

echo "export RACI_TEST_POSTGRES_URL=postgresql+psycopg://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB" >&3
