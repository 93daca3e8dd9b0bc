#!/usr/bin/env bash
# Starts a real PostgreSQL and a real Redis for this checkout, idempotently, also as root.
#   scripts/services.sh start|stop|status|env
#   scripts/services.sh pg-stop|pg-start|pg-restart|redis-stop|redis-start   (for fault tests)
# Data lives under .services/ in the checkout; both listen on 127.0.0.1 only, on ports derived
# from the checkout's path (override with VCON_PG_PORT / VCON_REDIS_PORT) so checkouts don't clash.
# `env` prints the variables that point at them, ready for `eval "$(scripts/services.sh env)"`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA="$ROOT/.services"
hash=$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)
PG_PORT=${VCON_PG_PORT:-$((20000 + hash % 10000))}
REDIS_PORT=${VCON_REDIS_PORT:-$((PG_PORT + 10000))}
PG_USER=vcon
PG_PASSWORD=vcon-test-secret
PG_DB=vcon_test
REDIS_PASSWORD=vcon-redis-secret
log() { echo "services: $*" >&2; }

need_packages() {
    local missing=()
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    command -v redis-server >/dev/null || missing+=(redis-server)
    command -v redis-cli >/dev/null || missing+=(redis-tools)
    [ -e /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
    [ -e /usr/include/hiredis/hiredis.h ] || missing+=(libhiredis-dev)
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        log "missing packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}"
        exit 1
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

# initdb refuses root: as root, the cluster belongs to the `postgres` user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_dir() {
    # The postgres user must be able to reach the data folder; a checkout under a private
    # home (e.g. /root) is not traversable, so fall back to a folder in /var/tmp then.
    local dir="$DATA/pg"
    if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
        dir="/var/tmp/vcon-mcp-services-$hash/pg"
    fi
    echo "$dir"
}

pg_running() { as_pg "$(pg_bin)/pg_ctl" -D "$(pg_dir)/data" status >/dev/null 2>&1; }

pg_start() {
    local dir bin
    dir=$(pg_dir); bin=$(pg_bin)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        log "initdb in $dir/data"
        local pwfile="$dir/pwfile"
        as_pg sh -c "umask 077; echo '$PG_PASSWORD' > '$pwfile'"
        as_pg "$bin/initdb" -D "$dir/data" -U "$PG_USER" --pwfile="$pwfile" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! pg_running; then
        as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
            -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null
    fi
    if ! as_pg "$bin/psql" -h "$dir" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" | grep -q 1; then
        as_pg "$bin/createdb" -h "$dir" -p "$PG_PORT" -U "$PG_USER" "$PG_DB"
    fi
    log "postgres up on 127.0.0.1:$PG_PORT"
}

pg_stop() {
    pg_running && as_pg "$(pg_bin)/pg_ctl" -D "$(pg_dir)/data" -m fast -w stop >/dev/null || true
}

redis_cli() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" -a "$REDIS_PASSWORD" --no-auth-warning "$@"; }
redis_running() { [ "$(redis_cli ping 2>/dev/null)" = "PONG" ]; }

redis_start() {
    mkdir -p "$DATA/redis"
    if ! redis_running; then
        redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes \
            --pidfile "$DATA/redis/redis.pid" --logfile "$DATA/redis/redis.log" --dir "$DATA/redis" \
            --save '' --appendonly no --requirepass "$REDIS_PASSWORD" >/dev/null
        for _ in $(seq 1 100); do redis_running && break; sleep 0.05; done
        redis_running || { log "redis did not start; see $DATA/redis/redis.log"; exit 1; }
    fi
    log "redis up on 127.0.0.1:$REDIS_PORT"
}

redis_stop() {
    if redis_running; then
        redis_cli shutdown nosave >/dev/null 2>&1 || true
        for _ in $(seq 1 100); do redis_running || break; sleep 0.05; done
    fi
}

print_env() {
    echo "export DATABASE_URL='postgresql://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB'"
    echo "export REDIS_URL='redis://default:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0'"
    echo "export VCON_SERVICES_SCRIPT='$ROOT/scripts/services.sh'"
    echo "export VCON_PG_BIN='$(pg_bin)'"
}

case "${1:-start}" in
    start) need_packages; pg_start; redis_start ;;
    stop) pg_stop; redis_stop ;;
    status) pg_running && echo "postgres: up" || echo "postgres: down"; redis_running && echo "redis: up" || echo "redis: down" ;;
    env) print_env ;;
    pg-start) pg_start ;;
    pg-stop) pg_stop ;;
    pg-restart) pg_stop; pg_start ;;
    redis-start) redis_start ;;
    redis-stop) redis_stop ;;
    *) echo "usage: $0 start|stop|status|env|pg-start|pg-stop|pg-restart|redis-start|redis-stop" >&2; exit 2 ;;
esac
