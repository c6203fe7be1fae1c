#!/usr/bin/env bash
# Trending pipeline over HTTP (issue #5): POST /api/v1/events throughput as a ratio to /healthz in the same run
# (target ≥ 0.5), the trending API read, and how long a new view takes to show in the ranking (target ≤ 5 s).
# Usage: bench/run-events.sh [duration-seconds]      Prints a markdown report; needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
PORT=5095
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
# Every wrk connection comes from 127.0.0.1: lift the per-address limits so the benchmark measures the pipeline.
(cd "$APP" && Tidings__DataDirectory="$WORK/data" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Tidings__PublicBaseUrl="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning \
  Tidings__Trending__AddressBurst=100000000 Tidings__Trending__AddressPerSecond=100000000 \
  Tidings__Trending__VisitorBurst=100000000 Tidings__Trending__VisitorPerSecond=100000000 \
  exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 2000); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.01; done

measure() { # path [lua-script]
  local args=(-t2 -c32 -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-s "$2")
  local out; out=$(wrk "${args[@]}" "http://127.0.0.1:$PORT$1")
  if grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; echo "error: non-2xx answers from $1" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "# bench/run-events.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${DURATION}s, demo portal"
echo
wrk -t2 -c16 -d3s -s bench/wrk/events.lua "http://127.0.0.1:$PORT/" >/dev/null
health=$(measure /healthz)
events=$(measure / bench/wrk/events.lua)
trending=$(measure "/api/v1/trending?window=24h&limit=10")
h=${health%%|*}
echo "| endpoint | req/s | p99 | ÷ /healthz |"
echo "|---|---|---|---|"
for row in "/healthz|$health" "POST /api/v1/events (1 view, new visitor)|$events" "GET /api/v1/trending|$trending"; do
  IFS='|' read -r name rps p99 <<<"$row"
  echo "| $name | $rps | $p99 | $(awk -v a="$rps" -v b="$h" 'BEGIN { printf "%.3f", a / b }') |"
done

# Freshness: a view for an article nobody has read yet, then poll the 1-hour list until it appears.
id=$(curl -s "http://127.0.0.1:$PORT/api/v1/articles?pageSize=1&page=141" | python3 -c 'import sys, json; print(json.load(sys.stdin)["items"][0]["id"])')
t0=$(date +%s%N)
curl -s -o /dev/null -A "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0" -H 'Content-Type: text/plain' \
  -d "[{\"type\":\"view\",\"articleId\":$id},{\"type\":\"read\",\"articleId\":$id},{\"type\":\"share\",\"articleId\":$id}]" "http://127.0.0.1:$PORT/api/v1/events"
until curl -s "http://127.0.0.1:$PORT/api/v1/trending?window=1h&limit=50" | grep -q "\"id\":$id,"; do
  sleep 0.05
  [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 30000 ] && { echo "error: view not ranked after 30 s" >&2; exit 1; }
done
echo
echo "- A new view of article $id was in the 1-hour trending list after $(( ($(date +%s%N) - t0) / 1000000 )) ms (target ≤ 5 s)."
