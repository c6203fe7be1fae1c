#!/usr/bin/env bash
# Related articles and the topic model at scale (issue #4): topic training time and memory, full related rebuild
# time and per-list compute time at 100k articles, article-page throughput reading the stored lists, and the
# quality protocol on the NLPCC headline set when ../shared/data is present.
# Usage: bench/run-related.sh [articles] [wrk-duration-seconds]     Prints a markdown report; needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
DURATION=${2:-15}
PORT=5097
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
tidings() { (cd "$APP" && dotnet Tidings.Web.dll "$@"); }
# Wall time and peak memory of one verb: "seconds|MB".
timed() { /usr/bin/time -f "%e|%M" -o "$WORK/time" bash -c 'cd "$0" && dotnet Tidings.Web.dll "${@}"' "$APP" "$@" >"$WORK/out"; cat "$WORK/out" >&2; awk -F'|' '{printf "%s|%.0f", $1, $2 / 1024}' "$WORK/time"; }

echo "# bench/run-related.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $N synthetic articles + demo"
echo
dir="$WORK/data"
tidings seed --data-dir "$dir" >/dev/null
seed_out=$(tidings seed --synthetic "$N" --data-dir "$dir" | tail -1)
range=$(grep -o 'ids [0-9]*-[0-9]*' <<<"$seed_out")
FIRST_ID=${range#ids }; FIRST_ID=${FIRST_ID%-*}; LAST_ID=${range##*-}
export FIRST_ID LAST_ID

train=$(timed topics train --data-dir "$dir")
echo "- \`topics train\` on $(grep -o 'Trained on [0-9,]* articles[^)]*)' "$WORK/out"): ${train%%|*} s wall (whole command), peak RSS ${train##*|} MB"
rebuild=$(timed related rebuild --data-dir "$dir")
echo "- \`related rebuild\`: $(head -1 "$WORK/out") Peak RSS ${rebuild##*|} MB."
echo "- $(tail -1 "$WORK/out")"

(cd "$APP" && Tidings__DataDirectory="$dir" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Tidings__PublicBaseUrl="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1000); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.01; done
wrk -t2 -c16 -d3s -s bench/wrk/article.lua "http://127.0.0.1:$PORT/" >/dev/null
for label in /healthz "/article/{random} (stored related lists)"; do
  if [ "$label" = /healthz ]; then args=("http://127.0.0.1:$PORT/healthz"); else args=(-s bench/wrk/article.lua "http://127.0.0.1:$PORT/"); fi
  out=$(wrk -t2 -c32 -d"${DURATION}s" --latency "${args[@]}")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then echo "$out" >&2; exit 1; fi
  echo "- wrk $label: $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s, p99 $(awk '$1 == "99%" {print $2}' <<<"$out")"
done
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

if [ -f ../shared/data/nlpcc2017-headlines-dev.tsv ]; then
  echo
  echo '```'
  corpus="$(cd ../shared/data && pwd)/nlpcc2017-headlines-dev.tsv"
  tidings eval topics --corpus "$corpus"
  tidings eval related --corpus "$corpus"
  echo '```'
fi
