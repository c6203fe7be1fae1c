#!/usr/bin/env bash
# The shared page cache (issues #7/#8): home and a channel page with Tidings:Cache:PageSeconds at its default (2 s)
# and off, in standard and 关怀版 (care mode is its own cached copy), against /healthz in the same run.
# Usage: bench/run-page-cache.sh [duration-seconds]      Prints a markdown report; needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
PORT=5098
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
(cd "$APP" && dotnet Tidings.Web.dll seed --data-dir "$WORK/data") >/dev/null

start() { # page-seconds
  (cd "$APP" && Tidings__DataDirectory="$WORK/data" ASPNETCORE_URLS="$BASE" Tidings__PublicBaseUrl="$BASE" Logging__LogLevel__Default=Warning \
    Tidings__Cache__PageSeconds="$1" exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 2000); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.01; done
  wrk -t2 -c16 -d3s "$BASE/" >/dev/null
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
measure() { # path [cookie]
  local args=(-t2 -c32 -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-H "Cookie: $2")
  local out; out=$(wrk "${args[@]}" "$BASE$1")
  if grep -q "Socket errors\|Non-2xx" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "# bench/run-page-cache.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${DURATION}s, demo portal"
echo
echo "| page cache | request | req/s | p99 | ÷ /healthz |"
echo "|---|---|---|---|---|"
for seconds in 2 0; do
  start "$seconds"
  health=$(measure /healthz)
  rows=("/healthz|$health" "/ (home)|$(measure /)" "/ (home, 关怀版)|$(measure / 'tcare=1')" "/channel/finance|$(measure /channel/finance)")
  stop
  for row in "${rows[@]}"; do
    IFS='|' read -r name rps p99 <<<"$row"
    echo "| $( [ "$seconds" = 0 ] && echo off || echo "${seconds} s" ) | $name | $rps | $p99 | $(awk -v a="$rps" -v b="${health%%|*}" 'BEGIN { printf "%.3f", a / b }') |"
  done
done
