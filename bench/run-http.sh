#!/usr/bin/env bash
# HTTP benchmarks for the reader site (issue #2): cold start, synthetic seed rate, headline-set import, and wrk on
# home and article pages at 1k and 100k articles, each with /healthz measured in the same run as the yardstick.
# Usage: bench/run-http.sh [duration-seconds]      Prints a markdown report; needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
PORT=5099
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
# The deployment README recommends: ReadyToRun removes most JIT work from start-up (cold start -30 %).
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null

tidings() { (cd "$APP" && dotnet Tidings.Web.dll "$@"); }

start_server() { # data-dir
  (cd "$APP" && Tidings__DataDirectory="$1" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Tidings__PublicBaseUrl="http://127.0.0.1:$PORT" \
    Logging__LogLevel__Default=Warning exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
}

wait_ready() {
  for _ in $(seq 1 1000); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && return 0
    sleep 0.01
  done
  echo "error: server did not come up" >&2; cat "$WORK/server.log" >&2; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# wrk → "req/s | p99" (and fails loudly on errors or non-2xx answers).
measure() { # path [lua-script]
  local args=(-t2 -c32 -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-s "$2")
  local out; out=$(wrk "${args[@]}" "http://127.0.0.1:$PORT$1")
  if grep -q "Non-2xx" <<<"$out" || grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  echo "$rps|$p99"
}

echo "# bench/run-http.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${DURATION}s"
echo

# Cold start: empty data directory → migrations, demo seed, first page served.
cold="$WORK/cold"
t0=$(date +%s%N); start_server "$cold"; wait_ready; t1=$(date +%s%N); stop_server
echo "- Cold start, empty data directory to first served home page (demo seed included): $(( (t1 - t0) / 1000000 )) ms"

if [ -f ../shared/data/nlpcc2017-headlines-dev.tsv ]; then
  python3 bench/headlines-to-jsonl.py ../shared/data/nlpcc2017-headlines-dev.tsv "$WORK/headlines.jsonl"
  t0=$(date +%s%N); tidings import "$WORK/headlines.jsonl" --data-dir "$WORK/headlines" | tail -1; t1=$(date +%s%N)
  echo "- Import of the NLPCC headline set ($(wc -l <"$WORK/headlines.jsonl") lines), whole command: $(( (t1 - t0) / 1000000 )) ms"
  t0=$(date +%s%N); tidings import "$WORK/headlines.jsonl" --data-dir "$WORK/headlines" | tail -1; t1=$(date +%s%N)
  echo "- Same file again (idempotent, nothing added): $(( (t1 - t0) / 1000000 )) ms"
fi
echo

echo "| corpus | page | req/s | p99 | req/s ÷ /healthz |"
echo "|---|---|---|---|---|"
for n in 1000 100000; do
  dir="$WORK/corpus-$n"
  tidings seed --data-dir "$dir" >/dev/null
  seed_out=$(tidings seed --synthetic "$n" --data-dir "$dir" | tail -1)
  # Related lists and the topic model, as an operator does after a bulk load; otherwise the server computes them in
  # the background while wrk measures.
  tidings topics train --data-dir "$dir" >/dev/null
  tidings related rebuild --data-dir "$dir" >/dev/null
  range=$(grep -o 'ids [0-9]*-[0-9]*' <<<"$seed_out")
  FIRST_ID=${range#ids }; FIRST_ID=${FIRST_ID%-*}; LAST_ID=${range##*-}
  export FIRST_ID LAST_ID
  start_server "$dir"; wait_ready
  # Warm-up: JIT, caches, SQLite page cache.
  wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT/" >/dev/null
  wrk -t2 -c16 -d3s -s bench/wrk/article.lua "http://127.0.0.1:$PORT/" >/dev/null
  health=$(measure /healthz); home=$(measure /); article=$(measure / bench/wrk/article.lua)
  stop_server
  h=${health%%|*}
  for row in "/healthz|$health" "/ (home)|$home" "/article/{random}|$article"; do
    IFS='|' read -r page rps p99 <<<"$row"
    ratio=$(awk -v a="$rps" -v b="$h" 'BEGIN { printf "%.3f", a / b }')
    echo "| $n synthetic + demo | $page | $rps | $p99 | $ratio |"
  done
  echo "<!-- seed: $seed_out -->"
done
