#!/usr/bin/env bash
# Scale-out (issue #10): the same wrk runs of /healthz, home, article and search pages on SQLite (one node) and on
# PostgreSQL + Redis (one node, then two nodes sharing the load), all in one run, with where the CPU time goes (web
# nodes, PostgreSQL, Redis; milliseconds per request) and the rate of migrate-data, which fills PostgreSQL here.
# Usage: bench/run-scale-out.sh [duration-seconds] [synthetic-articles]      Prints a markdown report.
# Needs wrk, PostgreSQL's server binaries and redis-server (./test.sh installs the last two); run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
ARTICLES=${2:-20000}
WORK=$(mktemp -d /tmp/tidings-scale.XXXXXX)
chmod 755 "$WORK"   # PostgreSQL runs as its own user under it
APP="$WORK/app"
PIDS=()
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
free_port() { local p=$1; while (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
PGPORT=$(free_port 5460)
REDISPORT=$(free_port 6400)
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/redis.pid" ] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null
  [ -d "$WORK/pg" ] && su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $WORK/pg/data -m immediate stop" >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "error: redis-server is missing (apt-get install redis-server)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
tidings() { (cd "$APP" && Logging__LogLevel__Default=Warning dotnet Tidings.Web.dll "$@"); }

# The SQLite site: the demo plus synthetic articles, with related lists, as an operator has after a bulk load.
tidings seed --data-dir "$WORK/sqlite" >/dev/null
seed_out=$(tidings seed --synthetic "$ARTICLES" --data-dir "$WORK/sqlite" | tail -1)
tidings topics train --data-dir "$WORK/sqlite" >/dev/null
tidings related rebuild --data-dir "$WORK/sqlite" >/dev/null
range=$(grep -o 'ids [0-9]*-[0-9]*' <<<"$seed_out")
FIRST_ID=${range#ids }; FIRST_ID=${FIRST_ID%-*}; LAST_ID=${range##*-}
export FIRST_ID LAST_ID

# PostgreSQL as a server would run it (fsync on), and Redis without persistence.
mkdir -p "$WORK/pg" && chown postgres: "$WORK/pg"
su postgres -s /bin/sh -c "$PGBIN/initdb -D $WORK/pg/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $WORK/pg/data -l $WORK/pg/log -w start -o '-p $PGPORT -c listen_addresses=127.0.0.1 -k $WORK/pg -c shared_buffers=512MB -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on'" >/dev/null
su postgres -s /bin/sh -c "$PGBIN/psql -q -h 127.0.0.1 -p $PGPORT -U postgres -c 'CREATE DATABASE tidings'"
redis-server --port "$REDISPORT" --bind 127.0.0.1 --daemonize yes --pidfile "$WORK/redis.pid" --dir "$WORK" --save "" --appendonly no >/dev/null
PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=tidings"
export Tidings__Database__Provider=Postgres ConnectionStrings__Tidings="$PG"
tidings migrate --data-dir "$WORK/pgnode" >/dev/null
unset Tidings__Database__Provider ConnectionStrings__Tidings
started=$(date +%s%N)
tidings migrate-data --data-dir "$WORK/sqlite" --to "$PG" >"$WORK/migrate.log"
migrate_ms=$(( ($(date +%s%N) - started) / 1000000 ))
psql_value() { su postgres -s /bin/sh -c "$PGBIN/psql -qtA -h 127.0.0.1 -p $PGPORT -U postgres -d tidings" <<<"$1"; }
rows=$(psql_value "SELECT sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, relname), false, true, '')))[1]::text::bigint) FROM pg_stat_user_tables")
dbsize=$(psql_value "SELECT pg_size_pretty(pg_database_size('tidings'))")
psql_value "CREATE EXTENSION pg_stat_statements" >/dev/null

start_node() { # name port data-dir [extra env...]
  local name=$1 port=$2 dir=$3; shift 3
  (cd "$APP" && exec env "$@" Tidings__DataDirectory="$dir" ASPNETCORE_URLS="http://127.0.0.1:$port" Tidings__PublicBaseUrl="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    Tidings__Related__BackgroundMaintenance=false Tidings__SeedDemoOnEmptyDatabase=false dotnet Tidings.Web.dll) >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 3000); do curl -sf -o /dev/null "http://127.0.0.1:$port/readyz" && return 0; sleep 0.02; done
  echo "error: node $name did not start" >&2; cat "$WORK/$name.log" >&2; exit 1
}
stop_nodes() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done; PIDS=(); }

ticks() { # CPU ticks of the given pids
  local sum=0
  for pid in "$@"; do [ -r "/proc/$pid/stat" ] && sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$sum"
}
pg_pids() { pgrep -u postgres -d ' ' postgres || true; }
HZ=$(getconf CLK_TCK)

# One measurement: wrk on every node's port at once (the load split evenly), req/s summed, the worst p99, and the
# CPU each part spent per request.
measure() { # label path|script ports...
  local label=$1 target=$2; shift 2
  local ports=("$@") conns=$((32 / ${#ports[@]})) outs=()
  local args=(-t1 -c"$conns" -d"${DURATION}s" --latency)
  local url_path=$target script=()
  if [[ $target == *.lua ]]; then script=(-s "bench/wrk/$target"); url_path=/; fi
  local web_before pg_before redis_before
  web_before=$(ticks "${PIDS[@]}"); pg_before=$(ticks $(pg_pids)); redis_before=$(ticks "$(cat "$WORK/redis.pid")")
  local wrks=()
  for port in "${ports[@]}"; do
    wrk "${args[@]}" "${script[@]}" "http://127.0.0.1:$port$url_path" >"$WORK/wrk-$port.out" &
    wrks+=($!)
    outs+=("$WORK/wrk-$port.out")
  done
  for w in "${wrks[@]}"; do wait "$w"; done
  local web pg redis rps=0 p99=0 requests=0
  web=$(( $(ticks "${PIDS[@]}") - web_before )); pg=$(( $(ticks $(pg_pids)) - pg_before )); redis=$(( $(ticks "$(cat "$WORK/redis.pid")") - redis_before ))
  for out in "${outs[@]}"; do
    if grep -q "Socket errors\|Non-2xx" "$out"; then cat "$out" >&2; echo "error: failures in $label $target" >&2; exit 1; fi
    rps=$(awk -v a="$rps" -v b="$(awk '/Requests\/sec/ {print $2}' "$out")" 'BEGIN { print a + b }')
    requests=$((requests + $(awk '/requests in/ {print $1}' "$out")))
    p99=$(awk -v a="$p99" -v b="$(awk '$1 == "99%" {print $2}' "$out")" 'function ms(v) { if (v ~ /ms$/) return v + 0; if (v ~ /us$/) return v / 1000; if (v ~ /s$/) return v * 1000; return v } BEGIN { print (ms(b) > a ? ms(b) : a) }')
  done
  awk -v l="$label" -v t="$target" -v r="$rps" -v p="$p99" -v w="$web" -v g="$pg" -v d="$redis" -v n="$requests" -v hz="$HZ" -v h="${HEALTH:-0}" \
    'BEGIN { printf "| %s | %s | %.0f | %.1f ms | %s | %.3f | %.3f | %.3f |\n", l, t, r, p, (h > 0 ? sprintf("%.3f", r / h) : "1.000"), w * 1000 / hz / n, g * 1000 / hz / n, d * 1000 / hz / n }'
  LAST_RPS=$rps
}

run_setup() { # label ports...
  local label=$1; shift
  # Warm-up: JIT, caches, the database's buffers.
  for port in "$@"; do wrk -t1 -c8 -d3s -s bench/wrk/article.lua "http://127.0.0.1:$port/" >/dev/null; wrk -t1 -c8 -d2s -s bench/wrk/search.lua "http://127.0.0.1:$port/" >/dev/null; done
  HEALTH=0
  measure "$label" /healthz "$@"; HEALTH=$LAST_RPS
  measure "$label" / "$@"
  # One hot article (the article page cache, issue #18), then random ones over the archive (mostly cache misses).
  for port in "$@"; do curl -s -o /dev/null "http://127.0.0.1:$port$HOT"; done
  measure "$label" "$HOT" "$@"
  measure "$label" article.lua "$@"
  measure "$label" search.lua "$@"
}

echo "# bench/run-scale-out.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, demo + $ARTICLES synthetic articles, wrk 32 connections, ${DURATION}s each"
echo
awk -v r="$rows" -v ms="$migrate_ms" -v size="$dbsize" 'BEGIN { printf "migrate-data: %d rows (all tables) in %.1f s with VACUUM ANALYZE, %.0f rows/s; PostgreSQL database %s\n", r, ms / 1000, r * 1000 / ms, size }'
echo "migrate-data says: $(grep -E '^(Copied|Analysed)' "$WORK/migrate.log" | tr '\n' ' ')"
echo
echo "| setup | request | req/s | p99 | ÷ /healthz | CPU ms/request: web | PostgreSQL | Redis |"
echo "|---|---|---|---|---|---|---|---|"
start_node sqlite 5301 "$WORK/sqlite"
HOT=$(curl -s "http://127.0.0.1:5301/api/v1/articles?pageSize=1" | python3 -c 'import sys, json, urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["items"][0]["url"]).path)')
run_setup "SQLite, 1 node" 5301
stop_nodes
cluster_env=(Tidings__Database__Provider=Postgres "ConnectionStrings__Tidings=$PG" "Tidings__Redis=127.0.0.1:$REDISPORT")
start_node a 5302 "$WORK/node-a" "${cluster_env[@]}"
psql_value "SELECT pg_stat_statements_reset()" >/dev/null
run_setup "PostgreSQL + Redis, 1 node" 5302
# Where PostgreSQL's time went in the one-node run.
psql_value "COPY (SELECT calls, round(total_exec_time::numeric, 0), round(total_plan_time::numeric, 0), round(mean_exec_time::numeric, 3), regexp_replace(left(query, 110), '\s+', ' ', 'g')
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'tidings') ORDER BY total_exec_time + total_plan_time DESC LIMIT 8) TO STDOUT WITH (FORMAT csv, DELIMITER '|')" >"$WORK/top.txt"
psql_value "SELECT sum(calls) || ' statements, ' || round(sum(total_exec_time)::numeric / 1000, 1) || ' s executing, ' || round(sum(total_plan_time)::numeric / 1000, 1) || ' s planning'
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'tidings')" >"$WORK/totals.txt"
start_node b 5303 "$WORK/node-b" "${cluster_env[@]}"
run_setup "PostgreSQL + Redis, 2 nodes" 5302 5303
stop_nodes
echo
echo "PostgreSQL statements by total time in the one-node run (pg_stat_statements):"
echo
echo "| calls | executing, total ms | planning, total ms | mean ms | statement |"
echo "|---|---|---|---|---|"
sed 's/^/| /; s/$/ |/' "$WORK/top.txt"
echo
echo "All statements of the one-node run: $(cat "$WORK/totals.txt")."
