#!/usr/bin/env bash
# 滚动直播 under a crowd (issue #24): N open Server-Sent Events streams on one node (default 2,000) while two editors
# post an entry every second through the newsroom form and wrk hammers the coverage's page and then /healthz. Against
# the same wrk runs with no stream open, in one run: the server's memory per open stream, and entry-to-reader latency
# (post sent → entry read by each stream, p50/p90/p99 over every stream and entry; bench/live-streams.py).
# Usage: bench/run-live.sh [duration-seconds] [streams]
# Prints a markdown report; needs wrk. Everything runs on this machine's cores: the streams' client and wrk compete
# with the server for them, so latency here is an upper bound of what a reader behind a network would see.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
STREAMS=${2:-2000}
PORT=5097
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  [ -n "${READERS_PID:-}" ] && kill "$READERS_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
BASE="http://127.0.0.1:$PORT"
# Each stream is a socket on both ends: raise the soft limit on open files as far as this shell may.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
(cd "$APP" && dotnet Tidings.Web.dll seed --data-dir "$WORK/data") >/dev/null
# Two editors of the desk post in turn (each stays within the newsroom's write limit, 30 a minute).
for who in 1 2; do
  (cd "$APP" && echo "bench-editor-password" | dotnet Tidings.Web.dll users add "bench.editor$who" --role editor --name "值班编辑$who" --password-stdin --data-dir "$WORK/data") >/dev/null
done
(cd "$APP" && env Tidings__DataDirectory="$WORK/data" ASPNETCORE_URLS="$BASE" Tidings__PublicBaseUrl="$BASE" Logging__LogLevel__Default=Warning \
  dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 3000); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.01; done

measure() { # connections url
  local out; out=$(wrk -t2 -c"$1" -d"${DURATION}s" --latency "$2")
  if grep -q "Socket errors\|Non-2xx" <<<"$out"; then echo "$out" >&2; echo "error: failures in $2" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status"; }
field() { python3 -c "import re, sys; m = re.search(r'name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"', sys.stdin.read()); print(m.group(1))"; }

path=$(curl -s "$BASE/api/v1/articles?pageSize=1" | python3 -c 'import sys, json, urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["items"][0]["url"]).path)')
id=$(sed -E 's#^/article/([0-9]+).*#\1#' <<<"$path")
for who in 1 2; do
  jar="$WORK/jar$who"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/account/login" | field)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=bench.editor$who" --data-urlencode "Password=bench-editor-password" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
done
token=$(curl -s -c "$WORK/jar1" -b "$WORK/jar1" "$BASE/newsroom/articles/$id/live" | field)
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$WORK/jar1" -b "$WORK/jar1" --data-urlencode "__RequestVerificationToken=$token" "$BASE/newsroom/articles/$id/live?handler=Start")
[ "$code" = 302 ] || { echo "error: could not start the live coverage ($code)" >&2; exit 1; }
curl -s "$BASE$path" | grep -q 'data-live-status="live"' || { echo "error: the page does not show the coverage as live" >&2; exit 1; }

echo "# bench/run-live.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${DURATION}s, $STREAMS streams"
echo

# Warm-up: JIT tiering and the thread pool settle before anything is measured.
wrk -t2 -c32 -d5s "$BASE/healthz" >/dev/null
wrk -t2 -c32 -d5s "$BASE$path" >/dev/null
health_idle=$(measure 32 "$BASE/healthz")
page_idle=$(measure 32 "$BASE$path")

sleep 2
rss_before=$(rss_kb)
# Entries for DURATION seconds with nothing else running, then through the two wrk runs.
coproc READERS { python3 bench/live-streams.py "$BASE" "$id" "$STREAMS" "$DURATION" $((3 * DURATION + 4)) "$WORK/jar1" "$WORK/jar2"; }
# Copies of the pipes: bash forgets the coprocess's own once it exits, before its last line is read.
exec {from_readers}<&"${READERS[0]}" {to_readers}>&"${READERS[1]}"
read -r opened <&"$from_readers"
sleep 3
rss_open=$(rss_kb)
echo go >&"$to_readers"
sleep $((DURATION + 2))
page_live=$(measure 32 "$BASE$path")
health_live=$(measure 32 "$BASE/healthz")
read -r result <&"$from_readers"
wait "${READERS_PID:-}" 2>/dev/null || true

get() { python3 -c "import json, sys; v = json.loads(sys.argv[1]); [v := v[k] for k in sys.argv[2].split('.')]; print(v)" "$1" "$2"; }
n=$(get "$result" opened)
[ "$n" -gt 0 ] || { echo "error: no stream opened: $opened" >&2; exit 1; }
echo "## $n streams open on one node (of $STREAMS; refused $(get "$result" refused), dropped $(get "$result" dropped)), opened in $(get "$opened" connectSeconds) s"
echo
echo "Server memory (RSS): $(( rss_before / 1024 )) MB before, $(( rss_open / 1024 )) MB with the streams open:" \
  "**$(awk -v a="$rss_before" -v b="$rss_open" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }') KB per open stream**."
echo
echo "| request, wrk -c32 | req/s, no stream | p99 | req/s, $n streams + 1 entry/s | p99 | ratio |"
echo "|---|---|---|---|---|---|"
for row in "/healthz|$health_idle|$health_live" "the coverage's page ($path)|$page_idle|$page_live"; do
  IFS='|' read -r name a_rps _ a_p99 b_rps _ b_p99 <<<"$row"
  echo "| $name | $a_rps | $a_p99 | $b_rps | $b_p99 | $(awk -v a="$b_rps" -v b="$a_rps" 'BEGIN { printf "%.3f", a / b }') |"
done
echo
IFS='|' read -r hl _ _ <<<"$health_live"; IFS='|' read -r pl _ _ <<<"$page_live"
echo "The page against /healthz with the streams open: $(awk -v a="$pl" -v b="$hl" 'BEGIN { printf "%.3f", a / b }')."
echo
echo "**Entry to reader** (posted one a second by two editors, $(get "$result" postFailures) refused; from the post's send to each stream's read):"
echo
echo "| while | entries | deliveries | first reader, p50 | p50 | p90 | p99 | max |"
echo "|---|---|---|---|---|---|---|---|"
for phase in "quiet|only the streams and the entries" "loaded|wrk -c32 on the page, then on /healthz"; do
  IFS='|' read -r key name <<<"$phase"
  echo "| $name | $(get "$result" "$key.posted") | $(get "$result" "$key.delivered") of $(get "$result" "$key.expected") |" \
    "$(get "$result" "$key.first50") ms | $(get "$result" "$key.p50") ms | $(get "$result" "$key.p90") ms | $(get "$result" "$key.p99") ms | $(get "$result" "$key.max") ms |"
done
