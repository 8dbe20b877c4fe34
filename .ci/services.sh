#!/usr/bin/env bash
# Starts PostgreSQL and Redis as plain processes (no systemd) on free loopback ports, in a
# temporary directory, and prints the `export` lines for their URLs. Source-able from .ci/run:
#   eval "$(bash .ci/services.sh start)"  …  bash .ci/services.sh stop "$SERVICES_DIR"
# Installs the servers with apt-get when they are missing.
set -euo pipefail

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return; }; done
  return 1
}

start() {
  if ! pg_bin >/dev/null || ! command -v redis-server >/dev/null; then
    echo "installing postgresql and redis-server" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >&2
  fi
  local bin dir pg_port redis_port
  bin="$(pg_bin)"
  dir="$(mktemp -d /tmp/handbook-services.XXXXXX)"
  chmod 755 "$dir"
  pg_port="$(free_port)"
  redis_port="$(free_port)"
  mkdir -p "$dir/pg"
  chown postgres:postgres "$dir/pg"
  # PostgreSQL refuses to run as root: initdb and the server run as the postgres user.
  runuser -u postgres -- "$bin/initdb" -D "$dir/pg/data" -U postgres -A trust --no-sync >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w -t 30 \
    -o "-p $pg_port -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  runuser -u postgres -- "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres handbook_test
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "export SERVICES_DIR=$dir"
  echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$pg_port/handbook_test"
  echo "export TEST_REDIS_URL=redis://127.0.0.1:$redis_port"
}

stop() {
  local dir="$1" bin
  [ -d "$dir" ] || return 0
  bin="$(pg_bin)"
  [ -f "$dir/pg/data/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$dir/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
