#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL server on loopback, its URL in TRAINER_TEST_PG_URL.
# The server lives in a temporary folder and is stopped and removed when the command ends.
# Without Debian's PostgreSQL (or with TRAINER_TEST_PG_URL already set) it just runs the command.
set -euo pipefail

if [ -n "${TRAINER_TEST_PG_URL:-}" ]; then exec "$@"; fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: the PostgreSQL tests are skipped" >&2
  exec "$@"
fi

dir=$(mktemp -d /tmp/trainer-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$dir/data" -o "-h 127.0.0.1 -p $port -k $dir" -l "$dir/server.log" -w start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres trainer_test

export TRAINER_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$port/trainer_test"
echo "PostgreSQL tests use $TRAINER_TEST_PG_URL"
"$@"
