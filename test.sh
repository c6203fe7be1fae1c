#!/usr/bin/env bash
# Runs every test suite of Tidings: format check, unit, integration (real SQLite, and a real PostgreSQL server and
# Redis for the provider and cluster suites), browser (Playwright + axe in Debian's Chromium).
# Installs what the suites need when it is missing, so it works on a fresh Debian 12 machine as root.
# Usage: ./test.sh            (CI calls exactly this)
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH." >&2
  exit 1
fi

# Time zone data: pages show times in Asia/Shanghai.
if [ ! -e /usr/share/zoneinfo/Asia/Shanghai ]; then
  log "installing tzdata"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q tzdata
fi

# Browser tests drive Debian's Chromium; Chinese needs a CJK font to render (and to be measured) correctly.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# Whatever servers are started below are stopped and deleted on exit, however the run ends.
cleanup() {
  if [ -n "${pgdir:-}" ]; then
    su postgres -s /bin/sh -c "$pgbin/pg_ctl -D $pgdir/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
  if [ -n "${redisdir:-}" ]; then
    [ -s "$redisdir/redis.pid" ] && kill "$(cat "$redisdir/redis.pid")" 2>/dev/null || true
    rm -rf "$redisdir"
  fi
}
trap cleanup EXIT

# PostgreSQL for the provider suites (the integration tests run their database contracts on it too): a throwaway
# cluster on a free loopback port, removed on exit. An operator's own server can be used instead by setting
# TIDINGS_TEST_POSTGRES (a connection string without a database; the tests create and drop their own databases).
if [ -z "${TIDINGS_TEST_POSTGRES:-}" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$pgbin" ]; then
    log "installing postgresql"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  pgport=5440
  while (echo >"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; do pgport=$((pgport + 1)); done
  pgdir=$(mktemp -d /tmp/tidings-pg.XXXXXX)
  chown postgres: "$pgdir"
  log "starting a throwaway PostgreSQL on 127.0.0.1:$pgport"
  su postgres -s /bin/sh -c "$pgbin/initdb -D $pgdir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$pgdir/initdb.log"
  # Durability is irrelevant for a cluster deleted at exit; fsync off makes the suites' many small commits cheap.
  su postgres -s /bin/sh -c "$pgbin/pg_ctl -D $pgdir/data -l $pgdir/log -w start -o '-p $pgport -c listen_addresses=127.0.0.1 -k $pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300'" >/dev/null
  export TIDINGS_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres"
fi

# Redis for the cluster suite (two web processes sharing PostgreSQL and Redis): a throwaway server, no persistence.
# TIDINGS_TEST_REDIS (host:port) uses an existing one instead; the tests keep to their own channel prefix there.
if [ -z "${TIDINGS_TEST_REDIS:-}" ]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    log "installing redis-server"
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server
  fi
  redisport=6390
  while (echo >"/dev/tcp/127.0.0.1/$redisport") 2>/dev/null; do redisport=$((redisport + 1)); done
  redisdir=$(mktemp -d /tmp/tidings-redis.XXXXXX)
  log "starting a throwaway Redis on 127.0.0.1:$redisport"
  redis-server --port "$redisport" --bind 127.0.0.1 --daemonize yes --pidfile "$redisdir/redis.pid" \
    --dir "$redisdir" --logfile "$redisdir/redis.log" --save "" --appendonly no
  for _ in $(seq 50); do [ -s "$redisdir/redis.pid" ] && break; sleep 0.1; done
  export TIDINGS_TEST_REDIS="127.0.0.1:$redisport"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log "restore"
dotnet restore Tidings.slnx

log "build (warnings are errors)"
dotnet build Tidings.slnx --no-restore -c Release

log "format check"
dotnet format Tidings.slnx --verify-no-changes --no-restore

log "tests"
results=$(mktemp -d)
status=0
dotnet test Tidings.slnx --no-build -c Release --logger "trx" --results-directory "$results" || status=$?

# One plain closing line over every suite, whatever the runner printed above.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
rm -rf "$results"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "error: no test ran" >&2
  status=1
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
